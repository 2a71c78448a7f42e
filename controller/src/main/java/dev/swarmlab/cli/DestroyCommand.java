package dev.swarmlab.cli;

import dev.swarmlab.Durations;
import dev.swarmlab.deploy.Connections;
import dev.swarmlab.deploy.Teardown;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.run.LabRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `swarmlab destroy LAB`: remove by label everything the lab made, then leave its swarm. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Remove everything the lab created (found by its label), then leave its swarm, workers first.",
                "Puts back first what a run's steps did to a host and nothing restored (an MTU, a cut: a run killed half-way).",
                "Safe to run twice. A host that cannot be reached is reported; run destroy again when it is back."})
final class DestroyCommand implements Callable<Integer> {
    @Mixin
    LabOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        Lab lab = options.lab();
        try (Connections connections = options.connect(lab, Console.progress(out))) {
            LabRun.restoreHosts(lab, options.state(lab), connections).forEach(r -> out.println("putting back what a run's steps changed: " + r));
            Teardown.Result result = new Teardown(lab, options.state(lab), Console.progress(out)).run(connections);
            int count = result.removed().values().stream().mapToInt(List::size).sum();
            out.println(count == 0 ? "nothing to remove: no resource of lab " + lab.name() + " on the reachable hosts"
                    : "destroyed lab " + lab.name() + ": removed " + count + " item(s) in " + Durations.since(start));
            out.flush();
            Connections.failIfUnreachable(connections, "destroy (what the lab left on them remains; run destroy again when they are back)");
        }
        return 0;
    }
}
