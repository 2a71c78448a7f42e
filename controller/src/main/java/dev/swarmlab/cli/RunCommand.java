package dev.swarmlab.cli;

import dev.swarmlab.Durations;
import dev.swarmlab.deploy.Connections;
import dev.swarmlab.deploy.Finding;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.plan.ProbePlanner;
import dev.swarmlab.run.LabRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `swarmlab run LAB`: deploy what is missing, run the probe matrix, judge it, report it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Deploy the lab if needed, run its probe matrix through the agents, and judge every cell against what",
                "Docker's drivers promise. Prints a summary and writes report.json and junit.xml.",
                "Exit status 0 if and only if every cell matched its expectation (an expected block that blocked matches)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    LabOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write report.json and junit.xml (default: runs/RUN-ID in the lab's state folder).")
    Path out;

    @Option(names = "--network", paramLabel = "NAME", split = ",", description = "Only cells on these networks (repeatable or comma-separated).")
    Set<String> networks = Set.of();

    @Option(names = "--probe", paramLabel = "KIND", split = ",", description = "Only these probe kinds, e.g. --probe icmp,dns.")
    Set<String> probes = Set.of();

    @Option(names = "--host", paramLabel = "HOST", split = ",", description = "Only cells from or to these hosts.")
    Set<String> hosts = Set.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        long start = System.nanoTime();
        Lab lab = options.lab();
        ProbePlanner.Filter filter = new ProbePlanner.Filter(networks, probes, hosts);
        try {
            filter.check(lab);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        LabRun.refuseSteps(lab);
        var progress = Console.progress(console);
        try (Connections connections = options.connect(lab, progress)) {
            LabRun.Done done = new LabRun(lab, options.state(lab), progress).run(connections,
                    filter, Optional.ofNullable(this.out), (id, cells) -> {
                        console.println("run " + id + ": " + cells + " probe cells");
                        console.flush();
                    }, new ProgressBar(console, System.console() != null), (findings, plan) -> notable(console, findings));
            RunPrinter.print(console, done.report(), false);
            console.println();
            console.println("report: " + done.out().resolve("report.json") + " and junit.xml, in " + Durations.since(start));
            console.flush();
            return done.report().summary().allMatched() ? 0 : 1;
        }
    }

    /** The preflight findings worth a look (warnings and failures); passes only as a count. */
    private static void notable(PrintWriter console, List<Finding> findings) {
        List<Finding> notable = findings.stream().filter(f -> f.status() != Finding.Status.PASS).toList();
        console.println("preflight: " + (findings.size() - notable.size()) + " checks passed" + (notable.isEmpty() ? "" : ", " + notable.size() + " to note:"));
        if (!notable.isEmpty()) {
            Console.findingsTable(notable).print(console);
        }
        console.flush();
    }
}
