package dev.swarmlab.deploy;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.docker.LabelledObject;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.emulated.EmulatedHosts;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * `swarmlab destroy`: removes by label everything the lab created (services, containers,
 * networks), then leaves the lab's swarm, workers before managers, and removes the docker_gwbridge
 * that swarm made. One host's failure never stops the others' teardown, nor the managers' leave.
 * Then every host is checked: what is still there is reported with Docker's words. Hosts it cannot
 * reach are reported; their resources are found by label on the next run.
 */
public final class Teardown {
    private static final Duration STAGE = Duration.ofMinutes(3);
    /** How long Docker may take to let go of a network's endpoints after their containers or its swarm are gone. */
    static final Duration RELEASE = Duration.ofSeconds(30);
    private final Lab lab;
    private final LabState state;
    private final Progress progress;

    public Teardown(Lab lab, LabState state, Progress progress) {
        this.lab = lab;
        this.state = state;
        this.progress = progress;
    }

    /**
     * What destroy removed, per host; the hosts it could not reach; what failed, per host, in Docker's
     * words; and what is still there afterwards, per host (empty where the host is clean).
     */
    public record Result(Map<String, List<String>> removed, List<String> unreachable, Map<String, List<String>> failures,
                         Map<String, List<Leftovers.Leftover>> left) {
        /** Every host reached, nothing failed and nothing of the lab is left. */
        public boolean clean() {
            return unreachable.isEmpty() && failures.isEmpty() && left.values().stream().allMatch(List::isEmpty);
        }

        /** One line per host that is not clean: what is left there, and what failed. */
        public List<String> problems() {
            List<String> lines = new ArrayList<>();
            left.forEach((host, items) -> {
                if (!items.isEmpty()) {
                    lines.add(host + ": left " + String.join("; ", items.stream().map(Leftovers.Leftover::toString).toList()));
                }
            });
            failures.forEach((host, errors) -> errors.forEach(e -> lines.add(host + ": " + e)));
            unreachable.forEach(host -> lines.add(host + ": not reached; what the lab left there remains"));
            return lines;
        }
    }

    public Result run(Connections connections) {
        Observation observed = Observation.of(lab, connections, state);
        Map<String, List<String>> removed = new TreeMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
        // Workloads everywhere first: a swarm-wide network can only go once no host has a container on it.
        stage(connections.reached(), c -> removeWorkloads(c, observed, removed), failures);
        stage(connections.reached(), c -> removeNetworks(c, observed, removed), failures);
        if (lab.swarm().isPresent()) {
            List<String> managers = lab.swarm().get().managers();
            List<Connection> members = connections.reached().stream().filter(c -> observed.inOurSwarm(c.name())).toList();
            // Workers one at a time too: two nodes leaving at once may each broadcast its leave to the other, which is going,
            // and a leave whose broadcast times out leaves Docker 20.10's network database running, holding the gossip port.
            for (Connection worker : members.stream().filter(c -> !managers.contains(c.name())).toList()) {
                stage(List.of(worker), c -> leave(c, removed), failures);
            }
            List<Connection> leaving = members.stream().filter(c -> managers.contains(c.name())).toList();
            // Managers one at a time, the first manager last: each leave must keep quorum or be the end.
            List<String> lastFirst = new ArrayList<>(managers);
            Collections.reverse(lastFirst);
            for (String manager : lastFirst) {
                stage(leaving.stream().filter(c -> c.name().equals(manager)).toList(), c -> leave(c, removed), failures);
            }
            if (connections.unreachable().isEmpty() && members.stream().noneMatch(c -> failures.containsKey(c.name()))) {
                state.forgetCluster();
            }
        }
        Map<String, List<Leftovers.Leftover>> left = new TreeMap<>();
        Parallel.each(connections.reached(), Deadline.in(RELEASE.plusSeconds(30), "every host's check for leftovers"),
                        c -> settled(c, observed.inOurSwarm(c.name())))
                .forEach(o -> {
                    if (o.ok()) {
                        left.put(o.key().name(), o.value());
                    } else {
                        failures.computeIfAbsent(o.key().name(), k -> new ArrayList<>()).add("the check for leftovers failed: "
                                + o.error().getMessage());
                    }
                });
        return new Result(removed, List.copyOf(connections.unreachable().keySet()), failures, left);
    }

    /**
     * What the lab left on the host, once Docker has had the time to release what it lets go of by
     * itself (endpoints of removed containers, the ingress sandbox after a leave).
     */
    private List<Leftovers.Leftover> settled(Connection c, boolean member) {
        Deadline deadline = Deadline.in(RELEASE, "what lab " + lab.name() + " left on " + c.name() + " to be gone");
        while (true) {
            List<Leftovers.Leftover> left;
            try {
                left = Leftovers.ofLab(lab, state, c, member);
            } catch (SwarmlabException e) {
                // A manager that has just left still says so for a moment, and then refuses to list services: ask again.
                if (deadline.expired()) {
                    throw e;
                }
                left = null;
            }
            if (left != null && (left.stream().noneMatch(Leftovers.Leftover::mayGoByItself) || deadline.expired())) {
                return left;
            }
            deadline.pause(Duration.ofMillis(500));
        }
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
        boolean inSwarm = observed.views().get(c.name()).engine().inSwarm();
        for (NetworkState network : c.docker().networks()) {
            if (lab.name().equals(network.labels().get(Lab.LABEL)) && (manager || !"swarm".equals(network.scope()))) {
                step(c, "remove network " + network.name(), () -> Leftovers.removeNetwork(c, network.id(), inSwarm, RELEASE));
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

    /**
     * Leaving also removes docker_gwbridge, which Docker made for the swarm and would leave behind.
     * Docker's leave gives its ingress sandbox a few seconds to go, then answers: on a busy host the
     * sandbox's endpoint is still on docker_gwbridge for a while after, so the removal waits for it.
     */
    private void leave(Connection c, Map<String, List<String>> removed) {
        step(c, "leave the swarm", () -> Leftovers.leaveSwarm(c, RELEASE.multipliedBy(2)));
        record(removed, c, List.of("swarm membership"));
        Leftovers.awaitGossipReleased(c, RELEASE);
        if (Leftovers.gossipHeld(c) && EmulatedHosts.emulated(c.host())) {
            // Docker 20.10 left its network database running (a leave whose broadcast timed out): only a new dockerd lets go of it.
            step(c, "restart this emulated host's dockerd, whose swarm network database outlived the leave and holds port "
                    + Leftovers.GOSSIP_PORT, () -> EmulatedHosts.restartDockerd(c.host()));
            Leftovers.awaitGossipReleased(c, RELEASE);
        }
        if (c.docker().networks().stream().anyMatch(n -> n.name().equals(Leftovers.GWBRIDGE))) {
            step(c, "remove network " + Leftovers.GWBRIDGE, () -> Leftovers.removeNetwork(c, Leftovers.GWBRIDGE, false, RELEASE));
            record(removed, c, List.of("network " + Leftovers.GWBRIDGE));
        }
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

    /** Runs the work on every host at once; a host's failure is recorded with Docker's words and the others go on. */
    private static void stage(List<Connection> hosts, Consumer<Connection> work, Map<String, List<String>> failures) {
        Parallel.each(hosts, Deadline.in(STAGE, "every host's teardown"), c -> {
            work.accept(c);
            return true;
        }).stream().filter(o -> !o.ok()).forEach(o -> {
            synchronized (failures) {
                failures.computeIfAbsent(o.key().name(), k -> new ArrayList<>()).add(o.error().getMessage());
            }
        });
    }
}
