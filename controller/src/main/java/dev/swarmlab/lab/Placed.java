package dev.swarmlab.lab;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent or workload as deployed: whether it runs, its address on each of its networks, and
 * where its ports are published on its host ("8080/tcp" to ["0.0.0.0:32768"]).
 */
public record Placed(Agent agent, String id, boolean running, Map<String, String> addresses, Map<String, List<String>> ports) {
    public Placed {
        addresses = Map.copyOf(addresses);
        ports = Map.copyOf(ports);
    }

    public String name() {
        return agent.name();
    }

    public String host() {
        return agent.host();
    }

    /** The address on that network; empty for host and none mode, which give a container no address of its own. */
    public Optional<String> address(String network) {
        return Optional.ofNullable(addresses.get(network)).filter(a -> !a.isEmpty());
    }
}
