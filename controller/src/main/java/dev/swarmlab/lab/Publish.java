package dev.swarmlab.lab;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Ipv4;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A published port in `docker run -p` syntax: "8080:80", "80" (a random host port),
 * "127.0.0.1:8080:80" (one host address only), each optionally with "/udp".
 */
public record Publish(Optional<String> hostIp, OptionalInt hostPort, PortSpec container) {
    public static Publish parse(String text) {
        try {
            return parseParts(text);
        } catch (SwarmlabException e) {
            throw e.getMessage().startsWith("'" + text + "'") ? e
                    : new SwarmlabException("'" + text + "' is not a published port: " + e.getMessage().replaceFirst("^'[^']*': ", ""));
        }
    }

    private static Publish parseParts(String text) {
        String[] protocolSplit = text.trim().split("/", -1);
        if (protocolSplit.length > 2) {
            throw new SwarmlabException("'" + text + "' is not a published port: write [IP:][HOST_PORT:]CONTAINER_PORT[/udp]");
        }
        String suffix = protocolSplit.length == 2 ? "/" + protocolSplit[1] : "";
        String[] parts = protocolSplit[0].split(":", -1);
        return switch (parts.length) {
            case 1 -> new Publish(Optional.empty(), OptionalInt.empty(), PortSpec.parse(parts[0] + suffix));
            case 2 -> new Publish(Optional.empty(), OptionalInt.of(port(parts[0], text)), PortSpec.parse(parts[1] + suffix));
            case 3 -> {
                Ipv4.parse(parts[0]);
                yield new Publish(Optional.of(parts[0]), parts[1].isEmpty() ? OptionalInt.empty() : OptionalInt.of(port(parts[1], text)),
                        PortSpec.parse(parts[2] + suffix));
            }
            default -> throw new SwarmlabException("'" + text + "' is not a published port: write [IP:][HOST_PORT:]CONTAINER_PORT[/udp]");
        };
    }

    static int port(String digits, String whole) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SwarmlabException("'" + whole + "': '" + digits + "' is not a port number within 1..65535");
    }

    @Override
    public String toString() {
        return hostIp.map(ip -> ip + ":").orElse("")
                + (hostPort.isPresent() ? hostPort.getAsInt() + ":" : hostIp.isPresent() ? ":" : "") + container;
    }
}
