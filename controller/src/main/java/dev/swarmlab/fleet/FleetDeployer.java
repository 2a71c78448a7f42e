package dev.swarmlab.fleet;

import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.ContainerRequest;
import dev.swarmlab.docker.ContainerState;
import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.docker.LabelledObject;
import dev.swarmlab.docker.ServiceRequest;
import dev.swarmlab.docker.ServiceState;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Brings every host's agents and workloads to the lab's layout: removes the lab's containers
 * that are no longer wanted or whose definition changed, creates the missing ones (journaled),
 * starts stopped ones, and reports where each one is and at which addresses. Idempotent.
 */
public final class FleetDeployer {
    private static final Duration STAGE = Duration.ofMinutes(4);
    private static final Duration READY = Duration.ofSeconds(60);
    private final Lab lab;
    private final LabState state;
    private final Progress progress;
    private final AtomicInteger changes = new AtomicInteger();

    public FleetDeployer(Lab lab, LabState state, Progress progress) {
        this.lab = lab;
        this.state = state;
        this.progress = progress;
    }

    public List<Placed> ensure(Connections connections, String image) {
        List<Placed> placed = ensureOnce(connections, image);
        Map<String, List<Placed>> twice = sharedAddresses(lab, placed);
        if (twice.isEmpty()) {
            return placed;
        }
        // Measured: after a host's dockerd died and came back, its restarted container can get an overlay address another
        // host's container holds. Both are made again, with fresh addresses, before anything is probed.
        twice.forEach((where, holders) -> holders.forEach(p -> connections.get(p.host()).ifPresent(c -> act(c, "remove " + p.name()
                + ": it holds " + where + " as " + String.join(" and ", holders.stream().filter(o -> o != p).map(o -> o.name() + " on "
                + o.host()).toList()) + " does (an address given twice); deploy makes it again", () -> c.docker().removeContainer(p.id())))));
        return ensureOnce(connections, image);
    }

    /**
     * Running containers that hold the same address on one of the lab's overlays, by "ADDRESS on
     * NETWORK" (on a bridge, each host's addresses are its own: the same one on two hosts is the rule).
     */
    public static Map<String, List<Placed>> sharedAddresses(Lab lab, List<Placed> placed) {
        Map<String, List<Placed>> byAddress = new LinkedHashMap<>();
        placed.stream().filter(Placed::running).forEach(p -> p.addresses().forEach((network, address) -> {
            if (!address.isEmpty() && lab.network(network).map(n -> n.swarmScope()).orElse(false)) {
                byAddress.computeIfAbsent(address + " on " + network, k -> new ArrayList<>()).add(p);
            }
        }));
        byAddress.values().removeIf(holders -> holders.size() < 2);
        return byAddress;
    }

    private List<Placed> ensureOnce(Connections connections, String image) {
        List<Agent> layout = Fleet.layout(lab, connections.reached().stream().map(Connection::name).toList());
        List<Placed> placed = Collections.synchronizedList(new ArrayList<>());
        Parallel.all(connections.reached(), Deadline.in(STAGE, "every host's agents and workloads"), "hosts", c -> {
            List<Agent> mine = layout.stream().filter(a -> a.host().equals(c.name())).toList();
            placed.addAll(ensure(c, mine, image));
        });
        // The layout's order, whatever order the hosts finished in.
        return layout.stream().flatMap(a -> placed.stream().filter(p -> p.agent().equals(a)).findFirst().stream()).toList();
    }

    /**
     * The lab's services, made by the first manager: stale ones (changed, or no longer in the lab)
     * removed, missing ones created; then every task awaited until it runs and its agent serves.
     */
    public List<ServiceState> ensureServices(Connections connections, String image) {
        List<Workload> wanted = Fleet.services(lab);
        Optional<String> manager = lab.swarm().map(s -> s.managers().get(0));
        if (manager.isEmpty() || connections.get(manager.get()).isEmpty()) {
            return wanted.isEmpty() ? List.of() : failNoManager(manager);
        }
        Connection c = connections.get(manager.get()).get();
        DockerEngine docker = c.docker();
        List<LabelledObject> existing = docker.services(Lab.LABEL, lab.name());
        for (LabelledObject service : existing) {
            Optional<Workload> workload = wanted.stream().filter(w -> w.name().equals(service.name())).findFirst();
            boolean current = workload.map(w -> Fleet.serviceRequest(lab, w, image).labels().get(Fleet.SPEC_LABEL)
                    .equals(service.labels().get(Fleet.SPEC_LABEL))).orElse(false);
            if (!current) {
                act(c, "remove service " + service.name() + (workload.isPresent() ? " (its definition changed)" : " (no longer in the lab)"),
                        () -> docker.removeService(service.id()));
            }
        }
        List<String> kept = docker.services(Lab.LABEL, lab.name()).stream().map(LabelledObject::name).toList();
        List<ServiceState> states = new ArrayList<>();
        for (Workload w : wanted) {
            if (!kept.contains(w.name())) {
                ServiceRequest request = Fleet.serviceRequest(lab, w, image);
                change(c, "create service " + w.name() + " on " + String.join(", ", w.networks().stream().map(a -> a.network()).toList()),
                        () -> docker.createService(request));
            }
            states.add(awaitTasks(connections, c, w));
        }
        return states;
    }

    private static List<ServiceState> failNoManager(Optional<String> manager) {
        throw new SwarmlabException("the lab's services need its first manager" + manager.map(m -> " " + m).orElse("")
                + ", which is not reachable", "bring it back, or run without the service workloads");
    }

    /** Until every task the service should have runs and its agent serves. */
    private static ServiceState awaitTasks(Connections connections, Connection manager, Workload w) {
        Deadline deadline = Deadline.in(READY.multipliedBy(2), "the tasks of service " + w.name() + " to run");
        return deadline.await(() -> {
            ServiceState state = manager.docker().inspectService(w.name());
            List<ServiceState.Task> running = state.tasks().stream().filter(t -> t.state().equals("running")).toList();
            int expected = w.mode() == Workload.ServiceMode.GLOBAL ? connections.reached().size() : w.replicas();
            if (running.size() < expected) {
                return null;
            }
            for (ServiceState.Task task : running) {
                Connection node = connections.get(task.node()).orElse(null);
                if (node != null && !node.docker().logs(task.container(), 20).contains(" serving ")) {
                    return null;
                }
            }
            return state.withTasks(running);
        }, Duration.ofMillis(500));
    }

    /** The agents and workloads as they are now (after a lab step): running or not, their addresses and ports. */
    public static List<Placed> inspect(Connections connections, List<Placed> before) {
        List<Placed> now = new ArrayList<>();
        for (Placed p : before) {
            Optional<Connection> host = connections.get(p.host());
            if (host.isEmpty()) {
                now.add(new Placed(p.agent(), p.id(), false, Map.of(), Map.of()));
                continue;
            }
            try {
                ContainerState state = host.get().docker().inspectContainer(p.name());
                now.add(placed(attachedAsNow(p.agent(), state), state));
            } catch (SwarmlabException e) {
                now.add(new Placed(p.agent(), p.id(), false, Map.of(), Map.of())); // removed: it answers nothing
            }
        }
        return now;
    }

    /** The agent with the networks its container is on now (a step connected or disconnected it), the lab's ones first. */
    private static Agent attachedAsNow(Agent agent, ContainerState state) {
        if (!state.running() || state.addresses().isEmpty()) {
            return agent;
        }
        List<Workload.Attachment> now = new ArrayList<>(agent.networks().stream().filter(a -> state.addresses().containsKey(a.network())).toList());
        state.addresses().keySet().stream().filter(n -> agent.networks().stream().noneMatch(a -> a.network().equals(n)))
                .forEach(n -> now.add(new Workload.Attachment(n, Optional.empty(), List.of())));
        return now.isEmpty() ? agent : new Agent(agent.name(), agent.host(), agent.role(), now, agent.workload());
    }

    /** How many containers the last {@link #ensure} created, started or removed. */
    public int changes() {
        return changes.get();
    }

    private List<Placed> ensure(Connection c, List<Agent> agents, String image) {
        DockerEngine docker = c.docker();
        Map<String, LabelledObject> existing = existing(docker);
        for (LabelledObject container : List.copyOf(existing.values())) {
            Optional<Agent> wanted = agents.stream().filter(a -> a.name().equals(container.name())).findFirst();
            boolean current = wanted.map(a -> Fleet.request(lab, a, image).labels().get(Fleet.SPEC_LABEL)
                    .equals(container.labels().get(Fleet.SPEC_LABEL))).orElse(false);
            if (!current) {
                act(c, "remove container " + container.name() + (wanted.isPresent() ? " (its definition changed)" : " (no longer in the lab)"),
                        () -> docker.removeContainer(container.id()));
                existing.remove(container.name());
            }
        }
        List<Placed> placed = new ArrayList<>();
        List<String> started = new ArrayList<>();
        for (Agent agent : agents) {
            LabelledObject found = existing.get(agent.name());
            String id;
            if (found == null) {
                ContainerRequest request = Fleet.request(lab, agent, image);
                id = change(c, "run " + agent.role().label() + " " + agent.name() + " on " + agent.firstNetwork(),
                        () -> OverlayAttach.run(() -> docker.runContainer(request), attachTimedOut(c, agent.name(), agent.firstNetwork())));
                started.add(id);
                for (Workload.Attachment more : agent.networks().subList(1, agent.networks().size())) {
                    change(c, "connect " + agent.name() + " to " + more.network(), () -> OverlayAttach.run(() -> {
                        docker.connect(id, more.network(), more.ip(), more.aliases());
                        return id;
                    }, attachTimedOut(c, agent.name(), more.network())));
                }
            } else {
                id = found.id();
                if (!"running".equals(found.state())) {
                    act(c, "start " + agent.name() + " (it was " + found.state() + ")", () -> docker.startContainer(id));
                    started.add(id);
                }
            }
        }
        started.forEach(id -> awaitServing(c, id));
        for (Agent agent : agents) {
            placed.add(placed(agent, docker.inspectContainer(agent.name())));
        }
        return placed;
    }

    /** A new agent answers probes once its responders are bound, which it says on its first line of output. */
    private static void awaitServing(Connection c, String id) {
        Deadline deadline = Deadline.in(READY, "agent " + id.substring(0, 12) + " on " + c.name() + " to start serving");
        deadline.await(() -> {
            if (c.docker().logs(id, 20).contains(" serving ")) {
                return true;
            }
            ContainerState state = c.docker().inspectContainer(id);
            if (!state.running()) {
                throw new SwarmlabException("agent " + state.name() + " on " + c.name() + " stopped (" + state.status() + ") before serving",
                        "see its output below; `docker logs " + state.name() + "` on " + c.name() + " shows all of it",
                        c.docker().logs(id, 20).lines().toList(), null);
            }
            return null;
        }, Duration.ofMillis(200));
    }

    /** The lab's agents and workloads on that host, by container name. */
    private Map<String, LabelledObject> existing(DockerEngine docker) {
        Map<String, LabelledObject> byName = new LinkedHashMap<>();
        docker.containers(Lab.LABEL, lab.name()).stream().filter(o -> o.labels().containsKey(Fleet.ROLE_LABEL))
                .forEach(o -> byName.put(o.name(), o));
        return byName;
    }

    private static Placed placed(Agent agent, ContainerState state) {
        return new Placed(agent, state.id(), state.running(), state.addresses(), state.ports());
    }

    private String change(Connection c, String what, Supplier<String> work) {
        changes.incrementAndGet();
        state.journal(c.name(), "fleet", "started", what);
        progress.step(c.name(), what);
        long start = System.nanoTime();
        try {
            String result = work.get();
            state.journal(c.name(), "fleet", "done", Durations.since(start));
            return result;
        } catch (SwarmlabException e) {
            state.journal(c.name(), "fleet", "failed", e.getMessage());
            throw new SwarmlabException(c.name() + ": could not " + what + ": " + e.getMessage(), remedy(c, e), e.evidence(), e);
        }
    }

    /** What an attachment Docker's swarm never gave is said as: a journal entry and a progress line, before the one more try. */
    private Consumer<String> attachTimedOut(Connection c, String container, String network) {
        return why -> {
            state.journal(c.name(), "fleet", "attach timed out", why);
            progress.step(c.name(), "the swarm did not attach " + container + " to " + network
                    + " within Docker's 20 s (moby/moby#41841): trying once more");
        };
    }

    /** Docker's own words for an overlay attachment its swarm never gave (20 s, then "context deadline exceeded") get a remedy. */
    private String remedy(Connection c, SwarmlabException e) {
        if (OverlayAttach.timedOut(e)) {
            return "Docker on " + c.name() + " waited 20 s, twice, for the swarm to attach the container to the overlay and got nothing:"
                    + " its part of the swarm is stuck; `swarmlab destroy " + lab.file() + "` and deploy again, which forms a new swarm";
        }
        return e.remedy();
    }

    private void act(Connection c, String what, Runnable work) {
        change(c, what, () -> {
            work.run();
            return "";
        });
    }
}
