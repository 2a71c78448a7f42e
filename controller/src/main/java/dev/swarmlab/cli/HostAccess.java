package dev.swarmlab.cli;

import dev.swarmlab.deploy.LabTarget;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach a lab's hosts: shared by deploy, run, destroy and inspect. */
final class HostAccess {
    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE",
            description = "Hosts to use instead of the lab's own `hosts` (a lab with hosts: local:N uses the emulated hosts' inventory).")
    Path inventory;

    @Option(names = "--trust-new-host-keys",
            description = "Record the key of a host that is not yet in known_hosts (trust on first use). A changed key is always refused.")
    boolean trustNewHostKeys;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for each host's SSH connection (default: ${DEFAULT-VALUE}).")
    int connectTimeout;

    Connections connect(Lab lab, Progress progress) {
        return LabTarget.connect(lab, Optional.ofNullable(inventory), trustNewHostKeys, Duration.ofSeconds(connectTimeout), progress);
    }
}
