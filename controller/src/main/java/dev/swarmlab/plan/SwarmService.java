package dev.swarmlab.plan;

import java.util.List;
import java.util.Map;

/**
 * A Swarm service as its manager reported it once deployed: its name, the TCP ports Swarm published
 * for it, and its tasks (the node each runs on, its state, its address on each network).
 */
public record SwarmService(String name, List<Integer> publishedTcp, List<Task> tasks) {
    public SwarmService {
        publishedTcp = List.copyOf(publishedTcp);
        tasks = List.copyOf(tasks);
    }

    public record Task(String node, String state, Map<String, String> addresses) {
        public Task {
            addresses = Map.copyOf(addresses);
        }
    }
}
