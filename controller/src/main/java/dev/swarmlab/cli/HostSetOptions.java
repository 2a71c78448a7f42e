package dev.swarmlab.cli;

import dev.swarmlab.emulated.EmulatedHosts;
import dev.swarmlab.emulated.HostSet;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.LocalCommands;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that pick one set of emulated hosts, shared by up, ls and down. */
final class HostSetOptions {
    @Option(names = "--prefix", paramLabel = "NAME", defaultValue = HostSet.DEFAULT_PREFIX,
            description = "Names this set of hosts: its namespaces, veths, bridge and state folder carry it, so two sets can coexist (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:SWARMLAB_HOME:-/var/lib/swarmlab}",
            description = "Root-owned folder for the hosts' state, keys and inventory (default: $SWARMLAB_HOME or ${DEFAULT-VALUE}).")
    Path home;

    EmulatedHosts hosts(Progress progress) {
        return new EmulatedHosts(new HostSet(home, prefix), new LocalCommands(), progress);
    }
}
