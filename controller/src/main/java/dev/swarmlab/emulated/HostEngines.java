package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.provision.EngineAsk;
import dev.swarmlab.provision.Provisioner;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.Ssh;
import dev.swarmlab.ssh.SshSession;
import dev.swarmlab.system.Commands;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Puts the engine on suite hosts the way `swarmlab provision` puts it on a real machine: over SSH,
 * with the suite's own docker.io, its settings and its service, the packages fetched on this machine
 * and copied (an emulated host has no way out to a mirror).
 */
final class HostEngines {
    private static final Duration PROVISION = Duration.ofMinutes(20);
    private final HostSet set;
    private final Commands commands;
    private final Progress progress;

    HostEngines(HostSet set, Commands commands, Progress progress) {
        this.set = set;
        this.commands = commands;
        this.progress = progress;
    }

    /** The hosts of a suite whose engine provisioning has not enabled yet. */
    List<HostStatus> withoutEngine(List<HostStatus> hosts) {
        return hosts.stream().filter(HostStatus::running).filter(h -> !h.suite().isEmpty())
                .filter(h -> !Files.exists(set.paths(h.name()).engineEnabled())).toList();
    }

    /** Provisions each host in parallel with the engine asked (or its archive's own); every host's outcome, failures with their step, output and remedy. */
    List<Parallel.Outcome<String, Provisioner.Outcome>> provision(List<HostStatus> hosts, EngineAsk asked) {
        Provisioner provisioner = new Provisioner(commands, SuiteTrees.cacheRoot().resolve("provision"), progress, true);
        List<String> names = hosts.stream().map(HostStatus::name).toList();
        return Parallel.each(names, Deadline.in(PROVISION, "the engines of " + String.join(", ", names) + " to be provisioned"), name -> {
            HostStatus host = hosts.get(names.indexOf(name));
            InventoryHost target = new InventoryHost(name, host.address(), 22, InventoryHost.DEFAULT_USER, set.identity(), set.knownHosts());
            try (SshSession ssh = Ssh.connect(target)) {
                return provisioner.provision(name, ssh, asked);
            }
        });
    }
}
