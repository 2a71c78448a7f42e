package dev.swarmlab.deploy;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.docker.LabelledObject;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.emulated.Progress;
import dev.swarmlab.lab.Lab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `swarmlab destroy`: removes by label everything the lab created (services, containers,
 * networks), then leaves the lab's swarm, workers before managers. Hosts it cannot reach are
 * reported; their resources are found by label on the next run.
 */
public final class Teardown {
    private static final Duration STAGE = Duration.ofMinutes(3);
    private final Lab lab;
    private final LabState state;
    private final Progress progress;

    public Teardown(Lab lab, LabState state, Progress progress) {
        this.lab = lab;
        this.state = state;
        this.progress = progress;
    }

    /** What destroy removed, per host, and the hosts it could not reach. */
    public record Result(Map<String, List<String>> removed, List<String> unreachable) {
    }

    public Result run(Connections connections) {
        Observation observed = Observation.of(lab, connections, state);
        Map<String, List<String>> removed = new java.util.TreeMap<>();
        // Workloads everywhere first: a swarm-wide network can only go once no host has a container on it.
        stage(connections.reached(), c -> removeWorkloads(c, observed, removed));
        stage(connections.reached(), c -> removeNetworks(c, observed, removed));
        if (lab.swarm().isPresent()) {
            List<String> managers = lab.swarm().get().managers();
            List<Connection> members = connections.reached().stream().filter(c -> observed.inOurSwarm(c.name())).toList();
            stage(members.stream().filter(c -> !managers.contains(c.name())).toList(), c -> leave(c, removed));
            List<Connection> leaving = members.stream().filter(c -> managers.contains(c.name())).toList();
            // Managers one at a time, the first manager last: each leave must keep quorum or be the end.
            List<String> lastFirst = new ArrayList<>(managers);
            java.util.Collections.reverse(lastFirst);
            for (String manager : lastFirst) {
                leaving.stream().filter(c -> c.name().equals(manager)).forEach(c -> leave(c, removed));
            }
            if (connections.unreachable().isEmpty()) {
                state.forgetCluster();
            }
        }
        return new Result(removed, List.copyOf(connections.unreachable().keySet()));
    }

    private void removeWorkloads(Connection c, Observation observed, Map<String, List<String>> removed) {
        DockerEngine docker = c.docker();
        List<String> done = new ArrayList<>();
        if (observed.views().get(c.name()).engine().swarmManager()) {
            for (LabelledObject service : docker.services(Lab.LABEL, lab.name())) {
                step(c, "remove service " + service.name(), () -> docker.removeService(service.id()));
                done.add("service " + service.name());
            }
        }
        for (LabelledObject container : docker.containers(Lab.LABEL, lab.name())) {
            step(c, "remove container " + container.name(), () -> docker.removeContainer(container.id()));
            done.add("container " + container.name());
        }
        record(removed, c, done);
    }

    /** Swarm-wide networks are removed by a manager; a worker only shows them while a container uses them. */
    private void removeNetworks(Connection c, Observation observed, Map<String, List<String>> removed) {
        List<String> done = new ArrayList<>();
        boolean manager = observed.views().get(c.name()).engine().swarmManager();
        for (NetworkState network : c.docker().networks()) {
            if (lab.name().equals(network.labels().get(Lab.LABEL)) && (manager || !"swarm".equals(network.scope()))) {
                step(c, "remove network " + network.name(), () -> c.docker().removeNetwork(network.id()));
                done.add("network " + network.name());
            }
        }
        record(removed, c, done);
    }

    private static void record(Map<String, List<String>> removed, Connection c, List<String> done) {
        synchronized (removed) {
            removed.computeIfAbsent(c.name(), k -> new ArrayList<>()).addAll(done);
        }
    }

    /** Leaving also removes docker_gwbridge, which Docker made for the swarm and would leave behind. */
    private void leave(Connection c, Map<String, List<String>> removed) {
        step(c, "leave the swarm", () -> c.docker().swarmLeave(true));
        c.docker().networks().stream().filter(n -> n.name().equals("docker_gwbridge")).findFirst()
                .ifPresent(gw -> step(c, "remove network docker_gwbridge", () -> c.docker().removeNetwork(gw.id())));
        record(removed, c, List.of("swarm membership"));
    }

    private void step(Connection c, String what, Runnable change) {
        state.journal(c.name(), "destroy", "started", what);
        progress.step(c.name(), what);
        try {
            change.run();
        } catch (SwarmlabException e) {
            state.journal(c.name(), "destroy", "failed", what + ": " + e.getMessage());
            throw e;
        }
        state.journal(c.name(), "destroy", "done", what);
    }

    private static void stage(List<Connection> hosts, java.util.function.Consumer<Connection> work) {
        Parallel.all(hosts, Deadline.in(STAGE, "every host's teardown"), "hosts", work);
    }
}
