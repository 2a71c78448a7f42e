package dev.swarmlab.run;

import dev.swarmlab.Durations;
import dev.swarmlab.Locks;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.DeployPlanner;
import dev.swarmlab.deploy.Deployment;
import dev.swarmlab.deploy.Finding;
import dev.swarmlab.docker.ServiceState;
import dev.swarmlab.emulated.EmulatedHosts;
import dev.swarmlab.fleet.FleetDeployer;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Step;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellFilter;
import dev.swarmlab.plan.Citations;
import dev.swarmlab.plan.Engine;
import dev.swarmlab.plan.HostConditions;
import dev.swarmlab.plan.Outside;
import dev.swarmlab.plan.ProbePlanner;
import dev.swarmlab.plan.SwarmService;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * `swarmlab run`: deploy what is missing, plan the matrix, run it with every result stored as it
 * arrives, and write the report. The run's id names its folder and its rows in runs.db.
 */
public final class LabRun {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Lab lab;
    private final LabState state;
    private final Progress progress;
    private final String id;
    private final boolean force;

    public LabRun(Lab lab, LabState state, Progress progress) {
        this(lab, state, progress, newId());
    }

    public LabRun(Lab lab, LabState state, Progress progress, String id) {
        this(lab, state, progress, id, false);
    }

    private LabRun(Lab lab, LabState state, Progress progress, String id, boolean force) {
        this.lab = lab;
        this.state = state;
        this.progress = progress;
        this.id = id;
        this.force = force;
    }

    /** This run, deploying past failed preflight checks where that is safe (as `deploy --force`). */
    public LabRun forced(boolean forced) {
        return new LabRun(lab, state, progress, id, forced);
    }

    /** A new run id: when it started (UTC) and a random suffix. */
    public static String newId() {
        return ID.format(Instant.now()) + String.format("-%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /**
     * Puts back what an earlier run's steps did to the hosts (an underlay MTU, a cut) and no step or
     * run's end restored, as when a run was killed half-way; `destroy` does it too. Returns what it restored.
     */
    public static List<String> restoreHosts(Lab lab, LabState state, Connections connections) {
        return HostChanges.of(state).restoreAll(lab, connections);
    }

    /** The run's id, known before it deploys: what its folder and its rows in runs.db will be called. */
    public String id() {
        return id;
    }

    /** What a finished run left: its report (from the database, as `show` would read it) and where the files are. */
    public record Done(RunReport report, Path out, Map<String, Duration> batches) {
    }

    /**
     * @param planned told the run id and the number of cells before the first probe
     * @param out     the report folder, or empty for runs/RUN-ID in the lab's state folder
     */
    public Done run(Connections connections, CellFilter filter, Optional<Path> out, BiConsumer<String, Integer> planned,
                    Runner.Listener listener, BiConsumer<List<Finding>, DeployPlanner.Plan> deployReport) {
        Connections.failIfUnreachable(connections, "run");
        boolean changesHosts = lab.steps().stream().anyMatch(s -> s.action().changesHosts())
                || lab.workloads().stream().anyMatch(w -> !w.routedFrom().isEmpty());
        // Steps that change the hosts themselves (MTU, cut) and routes to containers need them alone: no other lab's run may share the
        // MTU, the cut chain or a host's routing table.
        try (Locks.All hostLocks = changesHosts ? Locks.hosts(connections.hosts().stream().map(h -> h.address()).toList(),
                "lab " + lab.name() + "'s steps that change the hosts (run " + id + ")") : null) {
            return runLocked(connections, filter, out, planned, listener, deployReport);
        }
    }

    private Done runLocked(Connections connections, CellFilter filter, Optional<Path> out, BiConsumer<String, Integer> planned,
                           Runner.Listener listener, BiConsumer<List<Finding>, DeployPlanner.Plan> deployReport) {
        HostChanges changes = HostChanges.of(state);
        changes.restoreAll(lab, connections).forEach(r -> progress.step("-", "putting back what an earlier run's steps changed: " + r));
        if (!changes.none()) {
            // Measured on a host still changed, round 0 would be judged against the wrong state.
            throw new SwarmlabException("a host is still changed by an earlier run's steps of lab " + lab.name() + " (see "
                    + state.dir().resolve("host-changes.json") + ")", "reach the host again and run `swarmlab destroy` on the lab, or put it"
                    + " back by hand (its MTU, the iptables chain " + HostChanges.CHAIN + ") and delete the file");
        }
        resetStepped(connections);
        Deployment.Result deployed = new Deployment(lab, state, progress).run(connections, false, force, deployReport);
        Map<String, String> addresses = new LinkedHashMap<>();
        connections.hosts().forEach(h -> addresses.put(h.name(), h.address()));
        DeployedNetworks.Audit audit = DeployedNetworks.of(lab, connections);
        audit.findings().stream().filter(f -> f.status() != Finding.Status.PASS)
                .forEach(f -> progress.step(f.host(), f.check() + ": " + f.evidence()));
        List<Finding> findings = new ArrayList<>(deployed.findings());
        findings.addAll(audit.findings());
        // The hosts as the run finds them; their engines tell where the judge's rules were not observed.
        List<HostEvidence> evidence = HostEvidence.collect(lab, connections);
        Map<String, Engine> engines = new LinkedHashMap<>();
        for (HostEvidence host : evidence) {
            Engine.parse(host.node().engine()).ifPresent(e -> engines.put(host.host(), e));
            unjudgedEngine(host.host(), host.node().engine()).ifPresent(f -> {
                progress.step(f.host(), f.check() + ": " + f.evidence());
                findings.add(f);
            });
        }
        HostConditions found = new HostConditions(kernelGaps(findings)).withDefaultBridges(audit.defaultBridges()).withEngines(engines);
        HostConditions hosts = conditions(found, changes, connections);
        Optional<Outside> outside = outside(connections);
        List<SwarmService> services = swarmServices(deployed.services());
        List<Cell> cells = ProbePlanner.plan(lab, deployed.placed(), services, addresses, hosts, filter, outside);
        if (cells.isEmpty()) {
            throw new SwarmlabException("no probe cells to run: the filters " + filter + " leave nothing of lab " + lab.name(),
                    "check --network, --probe and --host against the lab's networks, probes and hosts");
        }
        String runId = id;
        RunStore store = RunStores.shared(state.runs());
        store.begin(new RunInfo(runId, lab.name(), lab.file().toString(), Instant.now().toString(), Optional.empty(), "running",
                RunStore.json(filter), RunStore.json(findings), null), deployed.placed(), deployed.services(), cells);
        store.evidence(runId, evidence);
        List<StepRound> attempts = new ArrayList<>(Refusals.attempt(lab, connections, deployed.image()));
        attempts.addAll(LinkEnvironment.check(lab, connections));
        attempts.addAll(DefaultPools.check(lab, connections));
        attempts.forEach(r -> progress.step("-", r.title() + ": " + r.outcome() + (r.verdict() == Verdict.MATCHED ? "" : ", expected "
                + r.expected()) + ": " + r.detail()));
        store.attempts(runId, attempts);
        planned.accept(runId, cells.size());
        Map<String, Duration> batches;
        try {
            routeToContainers(deployed.placed(), connections, changes);
            Convergence.Outcome gate = converge(store, runId, 0, connections, deployed.placed(), deployed.services(), Set.of());
            batches = measure(store, runId, cells, deployed.placed(), connections, listener, System.nanoTime(), gate);
            List<Placed> placed = deployed.placed();
            StepRunner steps = new StepRunner(lab, connections, changes);
            for (int round = 1; round <= lab.steps().size(); round++) {
                Step step = lab.steps().get(round - 1);
                StepRound done = steps.run(round, step, placed);
                progress.step("-", "step " + round + " (" + step.title() + "): " + done.outcome() + (done.verdict() == Verdict.MATCHED ? ""
                        : ", expected " + done.expected()) + ": " + done.detail());
                placed = FleetDeployer.inspect(connections, placed);
                if (step.action().changesHosts()) {
                    hosts = conditions(found, changes, connections);
                }
                int r = round;
                List<Cell> next = ProbePlanner.plan(lab, placed, services, addresses, hosts, filter, outside).stream()
                        .map(c -> c.inRound(r)).toList();
                store.round(runId, done, next);
                store.evidence(runId, r, HostEvidence.collect(lab, connections));
                // After a step that cuts a host off on purpose, only what the cut does not break is awaited.
                Convergence.Outcome settled = converge(store, runId, r, connections, placed, deployed.services(), changes.cut());
                measure(store, runId, next, placed, connections, listener, System.nanoTime(), settled);
            }
        } catch (RuntimeException e) {
            store.finish(runId, "error"); // what was measured stays; the run is marked as ended
            throw e;
        } finally {
            changes.restoreAll(lab, connections).forEach(r -> progress.step("-", "putting back what the steps changed: " + r));
        }
        RunReport report = RunReport.load(store, runId);
        store.finish(runId, report.outcome());
        report = RunReport.load(store, runId);
        Path folder = report.write(out.orElse(state.dir().resolve("runs").resolve(runId)));
        return new Done(report, folder, batches);
    }

    /** Gives each host a routed container names (routedFrom) a route to the container's address on its first network, through its host. */
    private void routeToContainers(List<Placed> placed, Connections connections, HostChanges changes) {
        for (Placed container : placed) {
            Optional<Workload> workload = container.agent().workload().filter(w -> !w.routedFrom().isEmpty() && !w.networks().isEmpty());
            String address = workload.map(w -> container.addresses().get(w.networks().get(0).network())).orElse(null);
            if (address == null) {
                continue; // not routed, or not running: its cells say so
            }
            String via = connections.get(container.host()).orElseThrow().host().address();
            for (String from : workload.get().routedFrom()) {
                connections.get(from).ifPresent(h -> progress.step(from, changes.route(h, address, via, container.name())));
            }
        }
    }

    /**
     * The hosts as the planner must know them now: what preflight found, the hosts cut off, and the
     * underlay MTUs as the hosts say (read only where the lab probes mtu: no other rule needs them).
     */
    private HostConditions conditions(HostConditions found, HostChanges changes, Connections connections) {
        return found.with(lab.probes().contains(ProbeKind.MTU) ? HostChanges.underlayMtus(connections) : Map.of(), changes.cut());
    }

    /** Where the lab's egress cells go: the emulated hosts' stand-in for `outside: local`, else the address the lab gives. */
    private Optional<Outside> outside(Connections connections) {
        if (lab.outside().isEmpty()) {
            return Optional.empty();
        }
        String outside = lab.outside().get();
        if (outside.equals("local")) {
            String address = EmulatedHosts.outsideOf(connections.source()).orElseThrow(() -> new SwarmlabException(
                    "lab " + lab.name() + " says `outside: local`, and its hosts (" + connections.source() + ") are not emulated hosts",
                    "give the lab an outside address of your own: outside: http://HOST[:PORT]/"));
            return Optional.of(new Outside(address, 80));
        }
        String hostPort = outside.substring("http://".length()).replaceFirst("/$", "");
        int colon = hostPort.indexOf(':');
        return Optional.of(colon < 0 ? new Outside(hostPort, 80)
                : new Outside(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
    }

    /** The convergence gate before a probe round: waited for, said, and kept with the run. */
    private Convergence.Outcome converge(RunStore store, String runId, int round, Connections connections, List<Placed> placed,
                                         List<ServiceState> services, Set<String> cut) {
        Convergence.Outcome gate = new Convergence(lab, connections).await(placed, services, cut, line -> progress.step("-", line));
        progress.step("-", "round " + round + ": " + gate.describe());
        store.gate(runId, round, gate);
        return gate;
    }

    private Map<String, Duration> measure(RunStore store, String runId, List<Cell> cells, List<Placed> placed, Connections connections,
                                                    Runner.Listener listener, long start, Convergence.Outcome gate) {
        Runner runner = new Runner(store, runId, listener, gate::breaking);
        Map<String, Duration> batches = runner.run(cells, placed, connections);
        progress.step("-", "measured " + cells.size() + " cells with " + batches.size() + " agents in " + Durations.since(start));
        if (runner.retried() > 0) {
            progress.step("-", "probed " + runner.retried() + " cell(s) again that had timed out where an answer was expected: "
                    + runner.flaky() + " answered the second time (flaky)");
        }
        return batches;
    }

    /**
     * A lab's steps change its containers (connect, stop, ...): the workloads they touch are
     * removed before the deploy, which makes them again as the lab file says, so every run starts
     * from the same state.
     */
    private void resetStepped(Connections connections) {
        for (String name : lab.steps().stream().flatMap(s -> s.workload().stream()).distinct().toList()) {
            lab.workloads().stream().filter(w -> w.name().equals(name)).flatMap(w -> w.host().stream()).findFirst()
                    .flatMap(connections::get).ifPresent(c -> {
                        if (c.docker().containers(Lab.LABEL, lab.name()).stream().anyMatch(o -> o.name().equals(name))) {
                            progress.step(c.name(), "remove workload " + name + " (the lab's steps change it; deploy makes it again)");
                            c.docker().removeContainer(name);
                        }
                    });
        }
    }

    /** The kernel features preflight found missing on each host ("ip_vs", "esp"), from its "kernel: FEATURE" checks. */
    static Map<String, Set<String>> kernelGaps(List<Finding> findings) {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (Finding finding : findings) {
            if (finding.check().startsWith("kernel: ") && finding.status() != Finding.Status.PASS) {
                missing.computeIfAbsent(finding.host(), h -> new TreeSet<>()).add(finding.check().substring("kernel: ".length()));
            }
        }
        return missing;
    }

    /** The services as the planner takes them: plain facts, without the Docker boundary's types. */
    static List<SwarmService> swarmServices(List<ServiceState> services) {
        return services.stream().map(s -> new SwarmService(s.name(), s.publishedTcp(), s.tasks().stream()
                .map(t -> new SwarmService.Task(t.node(), t.state(), t.addresses())).toList())).toList();
    }

    /**
     * A warning for a host whose engine is outside those the judge's rules cover (Engine.judged): the cells
     * it takes part in are not judged, and the run says so once per host rather than only per cell.
     */
    static Optional<Finding> unjudgedEngine(String host, String engineVersion) {
        Optional<Engine> engine = Engine.parse(engineVersion);
        if (engineVersion.isBlank() || engine.map(Engine::judged).orElse(false)) {
            return Optional.empty(); // a host whose engine did not answer is said by its evidence's problems
        }
        return Optional.of(Finding.warn("judge's engine", host, "Docker " + engineVersion + " is outside the engines the rules cover ("
                        + Engine.span() + ", observed on " + Citations.OBSERVED + "): the cells from and to " + host + " are not judged",
                "compare such cells against the engine's release notes (concepts.md section 10), or run the lab on an engine the rules cover"));
    }
}
