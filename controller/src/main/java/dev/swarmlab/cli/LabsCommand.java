package dev.swarmlab.cli;

import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabCatalog;
import dev.swarmlab.lab.ProbeKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** `swarmlab labs`: the catalog, one line a lab. */
@Command(name = "labs", mixinStandardHelpOptions = true,
        description = {"List the labs in the catalog folder and what each shows.",
                "One line a lab: its name, hosts, networks, probes and description, or the problem reading its file. Each lab's",
                "doc is NAME.md beside it; run one with `swarmlab run labs/NAME.yaml`."})
final class LabsCommand implements Callable<Integer> {
    @Option(names = "--labs", defaultValue = "labs", paramLabel = "DIR", description = "The folder of lab files (default: ${DEFAULT-VALUE}).")
    Path labs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabCatalog catalog = LabCatalog.of(labs);
        if (catalog.entries().isEmpty()) {
            out.println("no lab files in " + labs.toAbsolutePath());
            out.flush();
            return 1;
        }
        Table table = new Table("LAB", "HOSTS", "NETWORKS", "PROBES", "WHAT IT SHOWS");
        boolean broken = false;
        for (LabCatalog.Entry entry : catalog.entries()) {
            if (entry.lab().isEmpty()) {
                broken = true;
                table.row(entry.name(), "-", "-", "-", "cannot be read: " + entry.problem().orElse(""));
                continue;
            }
            Lab lab = entry.lab().get();
            table.row(lab.name(), lab.hosts().label(), String.join(",", lab.networks().stream().map(n -> n.name()).toList()),
                    String.join(",", lab.probes().stream().map(ProbeKind::wire).toList()), lab.description() + (entry.doc().isEmpty() ? " (no doc)" : ""));
        }
        table.print(out);
        out.println(catalog.entries().size() + " labs in " + labs + "; `swarmlab run --all` runs every one");
        out.flush();
        return broken ? 1 : 0;
    }
}
