package dev.swarmlab.web;

import dev.swarmlab.deploy.Connections;
import dev.swarmlab.deploy.LabState;
import dev.swarmlab.deploy.LabTarget;
import dev.swarmlab.emulated.Progress;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.plan.ProbePlanner;
import dev.swarmlab.run.LabRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the server runs a lab it was asked to run: for real, over SSH to the lab's hosts, recording under the state root. */
@FunctionalInterface
public interface LabRunner {
    /** Runs the lab to its end under the given run id, telling progress each step; throws what stopped it. */
    void run(Lab lab, String runId, ProbePlanner.Filter filter, Path stateRoot, Progress progress);

    LabRunner OVER_SSH = (lab, runId, filter, stateRoot, progress) -> {
        try (Connections connections = LabTarget.connect(lab, Optional.empty(), false, Duration.ofSeconds(10), progress)) {
            new LabRun(lab, LabState.of(stateRoot, lab.name()), progress, runId).run(connections, filter, Optional.empty(),
                    (id, cells) -> progress.step("-", "run " + id + ": " + cells + " probe cells"), (cell, result, done, total) -> { },
                    (findings, plan) -> { }); // the deployment reports its preflight as a step already
        }
    };
}
