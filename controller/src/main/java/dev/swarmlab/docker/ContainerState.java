package dev.swarmlab.docker;

import java.util.List;
import java.util.Map;

/**
 * A container as `docker inspect` shows it: whether it runs, its address on each network, and
 * where its ports are published ("8080/tcp" to ["0.0.0.0:32768"]).
 */
public record ContainerState(String id, String name, boolean running, String status, Map<String, String> labels,
                             Map<String, String> addresses, Map<String, List<String>> ports, String json) {
    public ContainerState {
        labels = Map.copyOf(labels);
        addresses = Map.copyOf(addresses);
        ports = Map.copyOf(ports);
    }
}
