package dev.swarmlab.lab;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One container of the lab on one host: a probe agent, or one of the lab's workloads. Both run
 * the agent image, so both answer probes; agents also send them. {@code networks} lists the
 * container's memberships, the first being the one it is created on.
 */
public record Agent(String name, String host, Role role, List<Workload.Attachment> networks, Optional<Workload> workload) {
    /** The agent's responders, the same in every agent and workload. */
    public static final int TCP_PORT = 7000;
    public static final int UDP_PORT = 7001;
    public static final int HTTP_PORT = 8080;

    public Agent {
        networks = List.copyOf(networks);
    }

    public enum Role {
        AGENT, WORKLOAD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String firstNetwork() {
        return networks.get(0).network();
    }

    public boolean on(String network) {
        return networks.stream().anyMatch(a -> a.network().equals(network));
    }

    public List<String> aliases(String network) {
        return networks.stream().filter(a -> a.network().equals(network)).findFirst().map(Workload.Attachment::aliases).orElse(List.of());
    }
}
