package dev.swarmlab.cli;

import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.run.RunReport;
import dev.swarmlab.run.StoredCell;
import dev.swarmlab.run.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A run as text: per-network counts, the driver comparison, and the cells that did not match. Shared by run and show. */
final class RunPrinter {
    private static final int LISTED = 40;

    private RunPrinter() {
    }

    private static String count(RunReport report, int round, boolean matched) {
        return String.valueOf(report.cells().stream().filter(c -> c.round() == round && (!matched || c.verdict() == Verdict.MATCHED)).count());
    }

    /** Cells the model could not judge come first: how many, and each reason once (an option it does not model). */
    private static void notJudged(PrintWriter out, RunReport report) {
        Map<String, Long> reasons = report.cells().stream().filter(c -> !c.cell().expected().judged())
                .collect(Collectors.groupingBy(c -> c.cell().expected().reason(), TreeMap::new, Collectors.counting()));
        if (!reasons.isEmpty()) {
            out.println("NOT JUDGED: " + reasons.values().stream().mapToLong(Long::longValue).sum() + " of " + report.cells().size()
                    + " cells, measured but not judged, because:");
            reasons.forEach((reason, n) -> out.println("  " + n + " cells: " + reason));
        }
    }

    static void print(PrintWriter out, RunReport report, boolean allCells) {
        Summary summary = report.summary();
        out.println();
        out.println("run " + report.run().id() + " of lab " + report.run().lab() + ": " + report.run().status());
        notJudged(out, report);
        report.asDeployed().forEach(line -> out.println("AS DEPLOYED, " + line));
        report.unconverged().forEach(line -> out.println("NOT CONVERGED, " + line + ": the cells that depend on it are errors"));
        report.causes().forEach(cause -> out.println("shared cause: " + cause.text()));
        Table counts = new Table(Console.countHeaders("NETWORK"));
        summary.networks().forEach(n -> counts.row(Console.countRow(n.counts(), n.network())));
        counts.print(out);
        out.println();
        List<String> headers = new ArrayList<>(List.of("DRIVER COMPARISON"));
        List<Summary.Column> columns = summary.columns();
        for (Summary.Column column : columns) {
            headers.add(column.label().toUpperCase(Locale.ROOT));
        }
        headers.add("MEDIAN LATENCY");
        headers.add("THROUGHPUT");
        Table comparison = new Table(headers.toArray(String[]::new));
        for (Summary.Comparison row : summary.comparison()) {
            List<String> cells = new ArrayList<>(List.of(row.network() + row.engine().map(e -> " @ " + e).orElse("")));
            columns.forEach(column -> cells.add(row.seen().get(column)));
            cells.add(row.medianLatencyMs().map(ms -> String.format(Locale.ROOT, "%.2f ms", ms)).orElse("-"));
            cells.add(row.medianMbitPerSecond().map(mbit -> String.format(Locale.ROOT, "%.0f Mbit/s", mbit)).orElse("-"));
            comparison.row(cells.toArray(String[]::new));
        }
        comparison.print(out);
        out.println("(yes: answered; no: blocked or answered by another container; mixed: some of each; !: differs from what the driver promises"
                + (summary.comparison().stream().anyMatch(r -> r.engine().isPresent())
                ? "; NETWORK @ ENGINE: the cells whose path ends on a host of that engine)" : ")"));
        if (!report.rounds().isEmpty()) {
            out.println();
            Table rounds = new Table("ROUND", "STEP (ROUND 0: TRIED ONCE DEPLOYED)", "EXPECTED", "OUTCOME", "VERDICT", "CELLS", "MATCHED", "DETAIL");
            rounds.row("0", "(the lab as deployed)", "-", "-", "-", count(report, 0, false), count(report, 0, true), "");
            report.rounds().forEach(r -> rounds.row(String.valueOf(r.round()), r.title(), r.expected(), r.outcome(), r.verdict().label(),
                    r.round() == 0 ? "-" : count(report, r.round(), false), r.round() == 0 ? "-" : count(report, r.round(), true), r.detail()));
            rounds.print(out);
        }
        List<StoredCell> listed = report.cells().stream().filter(c -> allCells || c.verdict() != Verdict.MATCHED).toList();
        if (!listed.isEmpty()) {
            out.println();
            Table cells = new Table("VERDICT", "NETWORK", "FROM", "TO", "ROUTE", "PROBE", "EXPECTED", "OBSERVED", "WHY EXPECTED");
            listed.stream().limit(allCells ? Long.MAX_VALUE : LISTED).forEach(stored -> {
                Cell c = stored.cell();
                cells.row(stored.verdict().label(), (stored.round() > 0 ? "round " + stored.round() + ": " : "") + c.network(), c.source(), c.target() + " (" + c.dial() + (c.port() > 0 ? ":" + c.port() : "") + ")",
                        c.route().label(), c.probe().wire(), c.expected().label(),
                        stored.result().map(CellResult::observation).orElse("-"),
                        c.expected().reason());
            });
            cells.print(out);
            if (!allCells && listed.size() > LISTED) {
                out.println("... and " + (listed.size() - LISTED) + " more (swarmlab show " + report.run().id() + " --all)");
            }
        }
        out.flush();
    }
}
