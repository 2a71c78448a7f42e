package dev.swarmlab.cli;

import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunReport;
import dev.swarmlab.session.LabState;
import dev.swarmlab.web.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `swarmlab report RUN --html FILE --json FILE --junit FILE`: a recorded run exported again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Export a recorded run as one HTML page, as JSON or as JUnit XML.",
                "The HTML page is the served page with the run inlined: it opens from disk with no server. The JSON is the same",
                "as report.json; the JUnit XML has one test case per cell (an expected block that was blocked passes)."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id, as `swarmlab runs` lists it, or `latest`.")
    String runId;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the page, data and assets inlined, to FILE.")
    Path html;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON to FILE.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the cells as JUnit XML to FILE.")
    Path junit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (html == null && json == null && junit == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "say what to write: --html FILE, --json FILE, --junit FILE, or several");
        }
        PrintWriter out = spec.commandLine().getOut();
        RunReport report = new RunHistory(LabState.root()).require(runId);
        if (html != null) {
            HtmlReport.write(report, html);
            out.println("wrote " + html.toAbsolutePath() + " (open it in a browser; it needs no server)");
        }
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
