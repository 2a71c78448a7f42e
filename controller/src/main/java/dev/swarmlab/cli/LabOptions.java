package dev.swarmlab.cli;

import dev.swarmlab.deploy.Connections;
import dev.swarmlab.deploy.LabState;
import dev.swarmlab.deploy.LabTarget;
import dev.swarmlab.emulated.Progress;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The lab file and how to reach its hosts: shared by deploy, destroy and inspect. */
final class LabOptions {
    @Parameters(index = "0", paramLabel = "LAB", description = "The lab file, e.g. labs/drivers.yaml.")
    Path labFile;

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE",
            description = "Hosts to use instead of the lab's own `hosts` (a lab with hosts: local:N uses the emulated hosts' inventory).")
    Path inventory;

    @Option(names = "--trust-new-host-keys",
            description = "Record the key of a host that is not yet in known_hosts (trust on first use). A changed key is always refused.")
    boolean trustNewHostKeys;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for each host's SSH connection (default: ${DEFAULT-VALUE}).")
    int connectTimeout;

    Lab lab() {
        return LabFile.read(labFile);
    }

    LabState state(Lab lab) {
        return LabState.of(lab.name());
    }

    Connections connect(Lab lab, Progress progress) {
        return LabTarget.connect(lab, Optional.ofNullable(inventory), trustNewHostKeys, Duration.ofSeconds(connectTimeout), progress);
    }
}
