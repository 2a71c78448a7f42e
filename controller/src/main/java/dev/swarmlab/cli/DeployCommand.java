package dev.swarmlab.cli;

import dev.swarmlab.Durations;
import dev.swarmlab.Locks;
import dev.swarmlab.deploy.Action;
import dev.swarmlab.deploy.DeployPlanner;
import dev.swarmlab.deploy.Deployment;
import dev.swarmlab.deploy.Finding;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.run.DeployedNetworks;
import dev.swarmlab.session.Connections;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `swarmlab deploy LAB`: preflight, then the swarm and the lab's networks, idempotently. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a lab: preflight checks, then the swarm and the lab's networks on every host.",
                "Idempotent: an unchanged lab changes nothing; a changed lab file is applied as a plan of differences."})
final class DeployCommand implements Callable<Integer> {
    @Mixin
    LabOptions options;

    @Option(names = "--dry-run", description = "Print the preflight findings and the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Deploy despite failed checks where that is safe (clock, versions, MTU, subnets).")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        Lab lab = options.lab();
        var progress = Console.progress(out);
        try (Locks.Held lock = Locks.lab(lab.name(), "swarmlab deploy " + lab.file()); Connections connections = options.connect(lab, progress)) {
            Deployment.Result result = new Deployment(lab, options.state(lab), progress).run(connections, dryRun, force,
                    (findings, plan) -> report(out, findings, plan));
            if (!result.applied()) {
                out.println("dry run: nothing was changed");
            } else if (result.changedNothing()) {
                out.println("nothing to do: lab " + lab.name() + " is deployed as written (" + result.placed().size() + " containers"
                        + (result.services().isEmpty() ? "" : " and " + result.services().size() + " services") + " running)");
            } else {
                out.println("deployed lab " + lab.name() + ": " + result.plan().actions().size() + " change(s) to the swarm and networks, "
                        + result.containerChanges() + " to agents and workloads, in " + Durations.since(start));
            }
            if (result.applied()) {
                // What the hosts report otherwise than the lab asks, as `run` says it before it judges anything.
                DeployedNetworks.of(lab, connections).findings().stream().filter(Finding::differsAsDeployed)
                        .forEach(f -> out.println("AS DEPLOYED, " + f.line()));
            }
            out.println("state: " + options.state(lab).dir());
        }
        out.flush();
        return 0;
    }

    private static void report(PrintWriter out, List<Finding> findings, DeployPlanner.Plan plan) {
        out.println();
        Console.findingsTable(findings).print(out);
        out.println();
        if (plan.actions().isEmpty()) {
            out.println("plan: no changes");
        } else {
            out.println("plan:");
            for (Action action : plan.actions()) {
                out.println("  " + action.host() + ": " + action.describe());
            }
        }
        out.println();
        out.flush();
    }
}
