package dev.swarmlab.cli;

import dev.swarmlab.Durations;
import dev.swarmlab.emulated.EmulatedHosts;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `swarmlab hosts down`: remove every emulated host and all they left. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop and remove every emulated host and everything they left.",
                "Removes processes, namespaces, veths, mounts, cgroups, the bridge, the firewall rule and the state folder.",
                "Safe to run twice; cleans up after crashed runs."})
final class HostsDownCommand implements Callable<Integer> {
    @Mixin
    HostSetOptions set;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        EmulatedHosts.DownResult result = set.hosts(Console.progress(out)).down();
        if (!result.removedAnything()) {
            out.println("nothing to remove: no emulated hosts with prefix '" + set.prefix + "'");
        } else {
            out.println("removed " + result.removedHosts().size() + " host" + (result.removedHosts().size() == 1 ? "" : "s")
                    + ", the bridge, the firewall rule and the state in " + Durations.since(start));
        }
        out.flush();
        return 0;
    }
}
