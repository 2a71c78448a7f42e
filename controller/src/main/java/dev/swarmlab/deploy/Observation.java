package dev.swarmlab.deploy;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the lab's reachable hosts look like now, read in parallel, and which swarm is the lab's own. */
public record Observation(Map<String, HostView> views, Optional<String> ourCluster, List<SwarmNode> ourNodes) {
    private static final Duration SETTLING = Duration.ofSeconds(40);

    public static Observation of(Lab lab, Connections connections, LabState state) {
        Map<String, HostView> views = new LinkedHashMap<>();
        Parallel.each(connections.reached(), Deadline.in(Duration.ofMinutes(1), "every host's Docker state"),
                        c -> new HostView(c.name(), withClusterId(c, settled(c)), c.docker().networks()))
                .forEach(o -> views.put(o.key().name(), o.orThrow()));
        Optional<String> recorded = state.clusterId();
        // Without a record (state folder lost, another machine), a manager whose swarm carries the lab's label tells.
        List<Connection> managers = connections.reached().stream().filter(c -> views.get(c.name()).engine().swarmManager()).toList();
        Optional<Connection> manager = managers.stream()
                .filter(c -> recorded.map(id -> id.equals(views.get(c.name()).engine().clusterId())).orElse(false)).findFirst()
                .or(() -> managers.stream().filter(c -> lab.name().equals(c.docker().swarmLabels().get(Lab.LABEL))).findFirst());
        Optional<String> cluster = manager.map(c -> views.get(c.name()).engine().clusterId()).or(() -> recorded);
        List<SwarmNode> nodes = manager.map(c -> c.docker().nodes()).orElse(List.of());
        return new Observation(views, cluster, nodes);
    }

    /**
     * A swarm init or join in flight is "pending" and not yet a node of any swarm: a deploy stopped while Docker carried it
     * out (its controller killed) leaves Docker finishing it, and judging the host now would call it another swarm's.
     */
    private static EngineInfo settled(Connection c) {
        EngineInfo info = c.docker().info();
        if (!"pending".equals(info.swarmState())) {
            return info;
        }
        try {
            return Deadline.in(SETTLING, c.name() + "'s swarm init or join in flight (\"pending\") to finish").await(() -> {
                EngineInfo now = c.docker().info();
                return "pending".equals(now.swarmState()) ? null : now;
            }, Duration.ofMillis(250));
        } catch (SwarmlabException stuck) {
            return c.docker().info(); // still pending (its managers gone): the planner names it, with the remedy
        }
    }

    /** /info leaves the cluster id out on this Docker version; a manager's swarm inspection has it. */
    private static EngineInfo withClusterId(Connection c, EngineInfo info) {
        if (!info.swarmManager() || !info.clusterId().isBlank()) {
            return info;
        }
        return info.withClusterId(c.docker().swarmTokens().clusterId());
    }

    /** Whether the host is a node of the lab's swarm. */
    public boolean inOurSwarm(String host) {
        HostView view = views.get(host);
        return view != null && view.engine().inSwarm() && ourNodes.stream().anyMatch(n -> n.id().equals(view.engine().nodeId()));
    }
}
