package dev.swarmlab.docker;

import java.util.List;
import java.util.Map;

/**
 * A service as its manager sees it: its virtual IP on each network (none in dnsrr mode), its
 * published TCP ports (as Swarm assigned them), and its tasks.
 */
public record ServiceState(String id, String name, Map<String, String> labels, Map<String, String> vips, List<Integer> publishedTcp,
                           List<Task> tasks) {
    public ServiceState {
        labels = Map.copyOf(labels);
        vips = Map.copyOf(vips);
        publishedTcp = List.copyOf(publishedTcp);
        tasks = List.copyOf(tasks);
    }

    public ServiceState withTasks(List<Task> only) {
        return new ServiceState(id, name, labels, vips, publishedTcp, only);
    }

    /** One task: the node it runs on, its container there, its state, its address on each network. */
    public record Task(String id, String node, String container, String state, Map<String, String> addresses) {
        public Task {
            addresses = Map.copyOf(addresses);
        }
    }
}
