package dev.swarmlab.lab;

import dev.swarmlab.SwarmlabException;

/** A container port with its protocol: "80", "53/udp". */
public record PortSpec(int port, String protocol) {
    public static PortSpec parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            throw new SwarmlabException("'" + text + "' is not a port: write PORT or PORT/tcp or PORT/udp");
        }
        String protocol = parts.length == 2 ? parts[1] : "tcp";
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new SwarmlabException("'" + text + "': protocol '" + protocol + "' is not tcp or udp");
        }
        return new PortSpec(Publish.port(parts[0], text), protocol);
    }

    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
