package dev.swarmlab.cli;

import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunReport;
import dev.swarmlab.session.LabState;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `swarmlab show RUN`: one recorded run, as `run` printed it (or everything, or JSON). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one recorded run: per-network counts, the driver comparison and the cells that did not match."})
final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id, as `swarmlab runs` lists it, or `latest`.")
    String runId;

    @Option(names = "--all", description = "List every cell, not only those that did not match.")
    boolean all;

    @Option(names = "--json", description = "Print the whole report as JSON (the same as the run's report.json).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunReport report = new RunHistory(LabState.root()).require(runId);
        if (json) {
            Console.json(out, report.json());
        } else {
            RunPrinter.print(out, report, all);
        }
        out.flush();
        return 0;
    }
}
