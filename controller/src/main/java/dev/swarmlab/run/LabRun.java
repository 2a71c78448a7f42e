package dev.swarmlab.run;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.Connections;
import dev.swarmlab.deploy.Deployment;
import dev.swarmlab.deploy.Finding;
import dev.swarmlab.deploy.LabState;
import dev.swarmlab.emulated.Progress;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.KernelGaps;
import dev.swarmlab.plan.ProbePlanner;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    public LabRun(Lab lab, LabState state, Progress progress) {
        this.lab = lab;
        this.state = state;
        this.progress = progress;
    }

    /** What a finished run left: its report (from the database, as `show` would read it) and where the files are. */
    public record Done(RunReport report, Path out, Map<String, java.time.Duration> batches) {
    }

    /**
     * @param planned told the run id and the number of cells before the first probe
     * @param out     the report folder, or empty for runs/RUN-ID in the lab's state folder
     */
    public Done run(Connections connections, ProbePlanner.Filter filter, Optional<Path> out, BiConsumer<String, Integer> planned,
                    Runner.Listener listener, BiConsumer<List<Finding>, dev.swarmlab.deploy.DeployPlanner.Plan> deployReport) {
        Connections.failIfUnreachable(connections, "run");
        Deployment.Result deployed = new Deployment(lab, state, progress).run(connections, false, false, deployReport);
        Map<String, String> addresses = new LinkedHashMap<>();
        connections.hosts().forEach(h -> addresses.put(h.name(), h.address()));
        List<Cell> cells = ProbePlanner.plan(lab, deployed.placed(), deployed.services(), addresses, KernelGaps.from(deployed.findings()),
                filter);
        if (cells.isEmpty()) {
            throw new SwarmlabException("no probe cells to run: the filters " + filter + " leave nothing of lab " + lab.name(),
                    "check --network, --probe and --host against the lab's networks, probes and hosts");
        }
        String runId = ID.format(Instant.now()) + String.format("-%04x", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
        try (RunStore store = RunStore.open(state.runs())) {
            store.begin(new RunInfo(runId, lab.name(), lab.file().toString(), Instant.now().toString(), Optional.empty(), "running",
                    RunStore.json(filter), RunStore.json(deployed.findings()), null), deployed.placed(), deployed.services(), cells);
            store.evidence(runId, HostEvidence.collect(lab, connections));
            planned.accept(runId, cells.size());
            long start = System.nanoTime();
            Runner runner = new Runner(store, runId, listener);
            Map<String, java.time.Duration> batches = runner.run(cells, deployed.placed(), connections);
            progress.step("-", "measured " + cells.size() + " cells with " + batches.size() + " agents in " + dev.swarmlab.Durations.since(start));
            if (runner.retried() > 0) {
                progress.step("-", "probed " + runner.retried() + " cell(s) again that had timed out where an answer was expected: "
                        + runner.recovered() + " answered the second time");
            }
            RunReport report = RunReport.load(store, runId);
            store.finish(runId, report.summary().allMatched() ? "passed" : "failed");
            report = RunReport.load(store, runId);
            Path folder = report.write(out.orElse(state.dir().resolve("runs").resolve(runId)));
            return new Done(report, folder, batches);
        }
    }
}
