package dev.swarmlab.deploy;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.emulated.Progress;
import dev.swarmlab.lab.Lab;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** `swarmlab deploy`: preflight, plan, and (unless it is a dry run) apply. */
public final class Deployment {
    /** Failures that --force never overrides: nothing safe can be done past them. */
    private static final Set<String> ALWAYS_BLOCKING = Set.of("ssh and docker", "swarm membership", "network names", "advertise address");

    public record Result(List<Finding> findings, DeployPlanner.Plan plan, boolean applied) {
    }

    private final Lab lab;
    private final LabState state;
    private final Progress progress;

    public Deployment(Lab lab, LabState state, Progress progress) {
        this.lab = lab;
        this.state = state;
        this.progress = progress;
    }

    /**
     * @param report called with the findings and the plan before anything changes, so the
     *               user sees them even when the deploy then stops
     */
    public Result run(Connections connections, boolean dryRun, boolean force, java.util.function.BiConsumer<List<Finding>, DeployPlanner.Plan> report) {
        long start = System.nanoTime();
        Observation observed = Observation.of(lab, connections, state);
        Map<String, String> addresses = new LinkedHashMap<>();
        connections.hosts().stream().filter(h -> observed.views().containsKey(h.name()))
                .forEach(h -> addresses.put(h.name(), h.address()));
        DeployPlanner.Plan plan = connections.unreachable().isEmpty()
                ? DeployPlanner.plan(lab, addresses, observed.views(), observed.ourCluster(), observed.ourNodes())
                : new DeployPlanner.Plan(List.of(), List.of());
        List<Finding> findings = new Preflight(lab, connections, observed.views(), plan).run();
        progress.step("-", "preflight: " + findings.size() + " checks on " + connections.hosts().size() + " hosts in "
                + dev.swarmlab.Durations.since(start));
        state.writeJson("preflight.json", findings);
        report.accept(findings, plan);
        List<Finding> blocking = findings.stream().filter(f -> f.status() == Finding.Status.FAIL)
                .filter(f -> !force || ALWAYS_BLOCKING.contains(f.check())).toList();
        if (!blocking.isEmpty()) {
            throw new SwarmlabException("preflight failed: " + blocking.size() + " check(s); nothing was created",
                    blocking.stream().anyMatch(f -> ALWAYS_BLOCKING.contains(f.check())) ? blocking.get(0).remedy()
                            : "fix them, or run again with --force to deploy anyway",
                    blocking.stream().map(f -> f.host() + ": " + f.check() + ": " + f.evidence()).toList(), null);
        }
        if (dryRun || plan.actions().isEmpty()) {
            return new Result(findings, plan, false);
        }
        new Deployer(lab, connections, state, progress).apply(plan);
        return new Result(findings, plan, true);
    }

}
