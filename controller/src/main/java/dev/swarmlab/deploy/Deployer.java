package dev.swarmlab.deploy;

import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.NetworkRequest;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.docker.SwarmTokens;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Carries out a deploy plan: the swarm first (init, then every join in parallel), then network
 * removals and creations, each host's in parallel. Every change is journaled before it starts
 * and when it ends, so a crashed deploy can be finished (deploy again) or undone (destroy).
 */
public final class Deployer {
    private static final Duration STAGE = Duration.ofMinutes(3);
    private static final Duration NODES_READY = Duration.ofMinutes(1);
    private final Lab lab;
    private final Connections connections;
    private final LabState state;
    private final Progress progress;

    public Deployer(Lab lab, Connections connections, LabState state, Progress progress) {
        this.lab = lab;
        this.connections = connections;
        this.state = state;
        this.progress = progress;
    }

    /**
     * Two tracks at once: the swarm track (init, joins, then the swarm-wide networks, which need
     * it) and the local track (each host's own networks, which need no swarm). Within a track,
     * removals come before creations.
     */
    public void apply(DeployPlanner.Plan plan) {
        List<Action> actions = plan.actions();
        List<Action> swarmWide = actions.stream().filter(this::swarmWide).toList();
        List<Action> local = actions.stream().filter(a -> !swarmWide.contains(a) && !isSwarm(a)).toList();
        Parallel.all(List.of("swarm", "local"), Deadline.in(STAGE.multipliedBy(3), "the deploy's swarm and local tracks"),
                "deploy tracks", track -> {
                    if (track.equals("swarm")) {
                        swarmTrack(actions, swarmWide);
                    } else {
                        networks(local);
                    }
                });
    }

    private void swarmTrack(List<Action> actions, List<Action> swarmWide) {
        actions.stream().filter(a -> a instanceof Action.InitSwarm).forEach(this::run);
        List<Action> joins = actions.stream().filter(a -> a instanceof Action.JoinSwarm).toList();
        if (!joins.isEmpty()) {
            String via = ((Action.JoinSwarm) joins.get(0)).via();
            SwarmTokens tokens = connection(via).docker().swarmTokens();
            stage(joins, action -> join((Action.JoinSwarm) action, tokens));
        }
        awaitReadyNodes();
        networks(swarmWide);
    }

    /**
     * A container joins an attachable overlay through the managers, which must hear from its node: right after a join they
     * may not yet, and Docker then fails the attach after 20 s ("attaching to network failed ... context deadline exceeded",
     * measured by bench/deploy.sh). So the deploy waits until the first manager sees every host as a ready, active node.
     */
    private void awaitReadyNodes() {
        if (lab.swarm().isEmpty()) {
            return;
        }
        String first = lab.swarm().get().managers().get(0);
        Supplier<List<String>> notReady = () -> {
            List<SwarmNode> nodes = connection(first).docker().nodes();
            return connections.reached().stream().filter(c -> nodes.stream().noneMatch(n -> n.address().equals(c.host().address())
                    && n.state().equals("ready") && n.availability().equals("active"))).map(Connection::name).toList();
        };
        if (notReady.get().isEmpty()) {
            return;
        }
        progress.step(first, "waiting for every host to be a ready node of the swarm");
        Deadline.in(NODES_READY, "every host to be a ready node of the swarm, as " + first + " sees it").await(() -> {
            List<String> waiting = notReady.get();
            if (!waiting.isEmpty()) {
                throw new SwarmlabException(String.join(", ", waiting) + " not a ready, active node yet");
            }
            return true;
        }, Duration.ofMillis(250));
    }

    private void networks(List<Action> actions) {
        stage(actions.stream().filter(a -> a instanceof Action.RemoveNetwork).toList(), this::run);
        stage(actions.stream().filter(a -> a instanceof Action.CreateNetwork).toList(), this::run);
    }

    private static boolean isSwarm(Action action) {
        return action instanceof Action.InitSwarm || action instanceof Action.JoinSwarm;
    }

    /** Creating or removing a swarm-scope (overlay) network: it waits for the swarm. */
    private boolean swarmWide(Action action) {
        if (action instanceof Action.CreateNetwork create) {
            return create.network().swarmScope();
        }
        return action instanceof Action.RemoveNetwork remove && lab.network(remove.name()).map(n -> n.swarmScope())
                .orElse(false);
    }

    /** Runs the actions of one stage, one thread per host; a host's actions run in order. */
    private void stage(List<Action> actions, Consumer<Action> work) {
        Map<String, List<Action>> byHost = actions.stream().collect(Collectors.groupingBy(Action::host,
                LinkedHashMap::new, Collectors.toList()));
        Parallel.all(List.copyOf(byHost.keySet()), Deadline.in(STAGE, "every host's deploy step"), "hosts",
                host -> byHost.get(host).forEach(work));
    }

    private void join(Action.JoinSwarm join, SwarmTokens tokens) {
        journaled(join, () -> connection(join.host()).docker().swarmJoin(connection(join.via()).host().address(),
                join.manager() ? tokens.manager() : tokens.worker(), join.address(), join.address()));
    }

    private void run(Action action) {
        if (action instanceof Action.InitSwarm init) {
            journaled(init, () -> {
                connection(init.host()).docker().swarmInit(init.address(), init.address(), Map.of(Lab.LABEL, lab.name()));
                state.recordCluster(connection(init.host()).docker().swarmTokens().clusterId());
            });
        } else if (action instanceof Action.CreateNetwork create) {
            journaled(create, () -> connection(create.host()).docker().createNetwork(request(create)));
        } else if (action instanceof Action.RemoveNetwork remove) {
            journaled(remove, () -> {
                detach(remove);
                connection(remove.host()).docker().removeNetwork(remove.name());
            });
        } else {
            throw new IllegalStateException("not a stand-alone action: " + action);
        }
    }

    /**
     * Docker refuses to remove a network with containers on it: the lab's own containers on it (on
     * every host, for an overlay) go first; the fleet's deploy makes the agents again on the new network.
     */
    private void detach(Action.RemoveNetwork remove) {
        boolean swarm = connection(remove.host()).docker().networks().stream().anyMatch(n -> n.name().equals(remove.name())
                && n.scope().equals("swarm")); // as deployed: a network no longer in the lab file is not in the lab
        for (Connection host : swarm ? connections.reached() : List.of(connection(remove.host()))) {
            for (var container : host.docker().containers(Lab.LABEL, lab.name())) {
                try {
                    if (host.docker().inspectContainer(container.name()).addresses().containsKey(remove.name())) {
                        progress.step(host.name(), "remove container " + container.name() + " (it is on network " + remove.name() + ", which goes)");
                        host.docker().removeContainer(container.name());
                    }
                } catch (SwarmlabException e) {
                    // Another host's track (a local network going at the same time) may have removed it first: gone is what we want.
                    if (host.docker().containers(Lab.LABEL, lab.name()).stream().anyMatch(o -> o.name().equals(container.name()))) {
                        throw e;
                    }
                }
            }
        }
    }

    /** A macvlan network is made to fit each host: its underlay interface, its slice of the subnet. */
    private NetworkRequest request(Action.CreateNetwork create) {
        if (create.network().driver() != Network.Driver.MACVLAN) {
            return NetworkSpec.request(lab, create.network());
        }
        Connection host = connection(create.host());
        List<String> hosts = connections.hosts().stream().map(h -> h.name()).toList();
        String underlay = create.network().options().containsKey("parent") ? "" : HostFacts.underlay(host.ssh(), host.host().address(),
                Duration.ofSeconds(20)).map(HostFacts.Underlay::device).orElseThrow(() -> new SwarmlabException("host " + host.name()
                + " has no interface with its address " + host.host().address() + " to be the macvlan network's parent",
                "name the parent interface in the lab: options: {parent: IFACE}"));
        return NetworkSpec.macvlan(lab, create.network(), underlay, hosts.indexOf(create.host()), hosts.size());
    }

    private void journaled(Action action, Runnable change) {
        String name = action.getClass().getSimpleName();
        state.journal(action.host(), name, "started", action.describe());
        long start = System.nanoTime();
        progress.step(action.host(), action.describe());
        try {
            change.run();
        } catch (SwarmlabException e) {
            state.journal(action.host(), name, "failed", e.getMessage());
            throw new SwarmlabException(action.host() + ": could not " + action.describe() + ": " + e.getMessage(),
                    e.remedy(), e.evidence(), e);
        }
        state.journal(action.host(), name, "done", Durations.since(start));
    }

    private Connection connection(String host) {
        return connections.get(host).orElseThrow(() -> new SwarmlabException(host + " is not reachable"));
    }
}
