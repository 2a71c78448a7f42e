package dev.swarmlab.run;

import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.SwarmNode;
import java.util.List;

/**
 * A host as a run found it: its address, Docker engine and kernel, and its place in the swarm
 * (role manager/worker, the node's state and availability as a manager reports them, leader or not).
 */
public record HostNode(String address, String engine, String kernel, String swarmState, String role, String nodeState,
                       String availability, boolean leader) {
    public static final HostNode UNKNOWN = new HostNode("", "", "", "unknown", "", "unknown", "", false);

    /** From the host's own `docker info` and, when it is in a swarm, its entry in a manager's node list. */
    static HostNode of(String address, EngineInfo info, List<SwarmNode> nodes) {
        SwarmNode node = nodes.stream().filter(n -> n.id().equals(info.nodeId())).findFirst().orElse(null);
        String role = node != null ? node.role() : info.inSwarm() ? (info.swarmManager() ? "manager" : "worker") : "";
        return new HostNode(address, info.version(), info.kernelVersion(), info.swarmState(), role,
                node == null ? (info.inSwarm() ? "unknown" : "") : node.state(), node == null ? "" : node.availability(),
                node != null && node.leader());
    }
}
