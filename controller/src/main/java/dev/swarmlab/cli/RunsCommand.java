package dev.swarmlab.cli;

import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunInfo;
import dev.swarmlab.session.LabState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `swarmlab runs`: every recorded run, oldest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List the recorded runs of every lab (in $SWARMLAB_STATE, default ./.swarmlab), oldest first."})
final class RunsCommand implements Callable<Integer> {
    @Option(names = "--lab", paramLabel = "NAME", description = "Only this lab's runs.")
    String lab;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RunInfo> runs = new RunHistory(LabState.root()).runs().stream().filter(r -> lab == null || r.lab().equals(lab)).toList();
        if (json) {
            Console.json(out, runs.stream().map(RunInfo::summary).toList());
        } else if (runs.isEmpty()) {
            out.println("no runs recorded in " + LabState.root() + (lab == null ? "" : " for lab " + lab) + "; start one with `swarmlab run LAB`");
        } else {
            Table table = new Table(Console.countHeaders("RUN", "LAB", "STARTED", "STATUS"));
            runs.forEach(r -> table.row(Console.countRow(r.counts(), r.id(), r.lab(), r.started(), r.status())));
            table.print(out);
        }
        out.flush();
        return 0;
    }
}
