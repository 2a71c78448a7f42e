package dev.swarmlab.run;

import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.DockerRefusal;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Step;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a lab's step between probe rounds: through the hosts' Docker daemons connect,
 * disconnect, stop, start (awaiting the agent), remove a network, prune the lab's unused
 * networks; over SSH set a host's underlay MTU, cut a host off, restore it. What Docker refuses is
 * the step's result, in Docker's own words, never a failed run.
 */
final class StepRunner {
    private static final Duration READY = Duration.ofSeconds(60);
    private final Lab lab;
    private final Connections connections;
    private final HostChanges changes;

    StepRunner(Lab lab, Connections connections, HostChanges changes) {
        this.lab = lab;
        this.connections = connections;
        this.changes = changes;
    }

    /** What a step did: "done" with what changed, or "refused" with Docker's message. */
    private record Outcome(String outcome, String detail) {
    }

    StepRound run(int round, Step step, List<Placed> placed) {
        Outcome outcome;
        try {
            outcome = switch (step.action()) {
                case CONNECT, DISCONNECT, STOP, START -> onWorkload(step, placed);
                case REMOVE_NETWORK -> removeNetwork(step);
                case PRUNE -> prune();
                case MTU -> new Outcome("done", changes.mtu(on(step.host().orElseThrow()), step.mtu().orElseThrow(), connections));
                case CUT -> cut(on(step.host().orElseThrow()));
                case RESTORE -> new Outcome("done", changes.restore(on(step.host().orElseThrow()), lab, connections, true));
            };
        } catch (SwarmlabException e) {
            outcome = new Outcome("error", e.getMessage());
        }
        return StepRound.of(round, step.title(), step.action().id(), step.refused().isPresent(), outcome.outcome(), outcome.detail());
    }

    private Outcome onWorkload(Step step, List<Placed> placed) {
        String name = step.workload().orElseThrow();
        Placed workload = placed.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new SwarmlabException("workload " + name + " was not deployed"));
        Connection host = on(workload.host());
        String network = step.network().orElse("");
        try {
            switch (step.action()) {
                case CONNECT -> host.docker().connect(name, network, Optional.empty(), List.of());
                case DISCONNECT -> host.docker().disconnect(name, network);
                case STOP -> host.docker().stopContainer(name, 2);
                default -> start(host, name);
            }
        } catch (DockerRefusal refusal) {
            return refused(host.name(), refusal);
        }
        // Where it was before a stop and where it is after a start: an address is not the container's to keep.
        String verb = switch (step.action()) {
            case CONNECT -> "connected " + name + " to " + network + " on " + workload.host();
            case DISCONNECT -> "disconnected " + name + " from " + network + " on " + workload.host();
            case STOP -> "stopped " + name + " on " + workload.host() + " (it had " + where(workload.addresses()) + ")";
            default -> "started " + name + " on " + workload.host() + "; its agent serves again, at "
                    + where(host.docker().inspectContainer(name).addresses());
        };
        return new Outcome("done", verb);
    }

    /** "172.17.0.3 on bridge, ..." */
    private static String where(Map<String, String> addresses) {
        return String.join(", ", addresses.entrySet().stream().filter(e -> !e.getValue().isBlank()).map(e -> e.getValue() + " on " + e.getKey())
                .toList());
    }

    /** Starts the container and waits until its agent says, once more, that it serves. */
    private static void start(Connection host, String name) {
        long before = serving(host, name);
        host.docker().startContainer(name);
        Deadline.in(READY, name + " on " + host.name() + " to serve again after its start")
                .await(() -> serving(host, name) > before ? true : null, Duration.ofMillis(200));
    }

    private static long serving(Connection host, String name) {
        return host.docker().logs(name, 500).lines().filter(l -> l.contains(" serving ")).count();
    }

    /** On the step's host, or on every host that has the network (a swarm network: on its first manager). */
    private Outcome removeNetwork(Step step) {
        String network = step.network().orElseThrow();
        boolean swarm = lab.network(network).map(n -> n.swarmScope()).orElse(false);
        List<String> hosts = step.host().map(List::of).orElseGet(() -> swarm ? List.of(lab.swarm().orElseThrow().managers().get(0))
                : connections.reached().stream().map(Connection::name).toList());
        List<String> removed = new ArrayList<>();
        for (String name : hosts) {
            try {
                on(name).docker().removeNetwork(network);
            } catch (DockerRefusal refusal) {
                return refused(name, refusal); // a refusal on one host is the step's result
            }
            removed.add(name);
        }
        return new Outcome("done", "removed network " + network + " on " + String.join(", ", removed));
    }

    private Outcome cut(Connection host) {
        return new Outcome("done", changes.cut(host, connections.reached().stream().filter(c -> c != host).toList()));
    }

    private Outcome prune() {
        List<String> said = new ArrayList<>();
        for (Connection host : connections.reached()) {
            List<String> deleted = host.docker().pruneNetworks(Lab.LABEL, lab.name());
            said.add(host.name() + ": " + (deleted.isEmpty() ? "nothing unused" : "removed " + String.join(", ", deleted)));
        }
        return new Outcome("done", "pruned the lab's unused networks: " + String.join("; ", said));
    }

    private static Outcome refused(String host, DockerRefusal refusal) {
        return new Outcome("refused", host + ": " + refusal.said());
    }

    private Connection on(String host) {
        return connections.get(host).orElseThrow(() -> new SwarmlabException("host " + host + " is not reachable"));
    }
}
