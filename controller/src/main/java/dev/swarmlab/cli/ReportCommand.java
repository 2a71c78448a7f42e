package dev.swarmlab.cli;

import dev.swarmlab.deploy.LabState;
import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `swarmlab report RUN --json FILE --junit FILE`: a recorded run exported again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Export a recorded run: its whole report as JSON (the same as report.json) and as JUnit XML",
                "(one test case per cell; an expected block that was blocked passes)."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id, as `swarmlab runs` lists it.")
    String runId;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON to FILE.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the cells as JUnit XML to FILE.")
    Path junit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (json == null && junit == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "say what to write: --json FILE, --junit FILE, or both");
        }
        PrintWriter out = spec.commandLine().getOut();
        RunReport report = new RunHistory(LabState.root()).require(runId);
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json.toAbsolutePath());
        }
        if (junit != null) {
            report.writeJunit(junit);
            out.println("wrote " + junit.toAbsolutePath());
        }
        out.flush();
        return 0;
    }
}
