package dev.swarmlab.agent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who this agent is: its host, its container name, and its addresses. Every response carries
 * it, so a probe can tell whether the container that answered is the one it aimed at.
 */
public record Identity(String host, String name, List<String> addresses) {
    public Identity {
        addresses = List.copyOf(addresses);
    }

    /** From SWARMLAB_HOST and SWARMLAB_NAME (set when the container is made), else the hostname. */
    public static Identity current() {
        String hostname = hostname();
        return new Identity(System.getenv().getOrDefault("SWARMLAB_HOST", hostname),
                System.getenv().getOrDefault("SWARMLAB_NAME", hostname), ownAddresses());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static List<String> ownAddresses() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        found.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: an identity without addresses still names the container
        }
        Collections.sort(found);
        return found;
    }
}
