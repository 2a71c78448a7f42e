package dev.swarmlab.web;

import dev.swarmlab.deploy.LabTarget;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.plan.CellFilter;
import dev.swarmlab.run.LabRun;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the server runs a lab it was asked to run: for real, over SSH to the lab's hosts, recording under the state root. */
@FunctionalInterface
public interface LabRunner {
    /** Runs the lab to its end under the given run id, telling progress each step; throws what stopped it. */
    void run(Lab lab, String runId, CellFilter filter, Path stateRoot, Progress progress);

    /** Over SSH to the hosts of the given inventory, or else to the lab's own hosts (as `swarmlab run` reaches them). */
    static LabRunner overSsh(Optional<Path> inventory) {
        return (lab, runId, filter, stateRoot, progress) -> {
            try (Connections connections = connect(lab, inventory, progress)) {
                new LabRun(lab, LabState.of(stateRoot, lab.name()), progress, runId).run(connections, filter, Optional.empty(),
                        (id, cells) -> progress.step("-", "run " + id + ": " + cells + " probe cells"), (cell, result, done, total) -> { },
                        (findings, plan) -> { }); // the deployment reports its preflight as a step already
            }
        };
    }

    /** The lab's hosts, each within 10 s; the ones not reached are listed in the result. */
    static Connections connect(Lab lab, Optional<Path> inventory, Progress progress) {
        return LabTarget.connect(lab, inventory, false, Duration.ofSeconds(10), progress);
    }
}
