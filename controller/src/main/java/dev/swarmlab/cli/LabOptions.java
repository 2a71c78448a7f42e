package dev.swarmlab.cli;

import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The lab file and how to reach its hosts: shared by deploy, destroy and inspect. */
final class LabOptions {
    @Parameters(index = "0", paramLabel = "LAB", description = "The lab file, e.g. labs/drivers.yaml.")
    Path labFile;

    @Mixin
    HostAccess access;

    Lab lab() {
        return LabFile.read(labFile);
    }

    LabState state(Lab lab) {
        return LabState.of(lab.name());
    }

    Connections connect(Lab lab, Progress progress) {
        return access.connect(lab, progress);
    }
}
