package dev.swarmlab.cli;

import dev.swarmlab.emulated.HostStatus;
import dev.swarmlab.emulated.Progress;
import java.io.PrintWriter;
import java.util.List;

/** Terminal output shared by the verbs. */
final class Console {
    private Console() {
    }

    /** Progress lines "h1  message"; threads print whole lines, never interleaved characters. */
    static Progress progress(PrintWriter out) {
        return (host, message) -> {
            synchronized (out) {
                out.println(String.format("%-4s %s", host, message));
                out.flush();
            }
        };
    }

    static Table hostTable(List<HostStatus> hosts) {
        Table table = new Table("NAME", "ADDRESS", "DOCKER", "HOSTNAME", "STATE", "PROBLEMS");
        for (HostStatus host : hosts) {
            table.row(host.name(), host.address(), orDash(host.dockerVersion()), orDash(host.hostname()), host.state().label(),
                    host.problems().isEmpty() ? "" : String.join("; ", host.problems()));
        }
        return table;
    }

    static Table findingsTable(java.util.List<dev.swarmlab.deploy.Finding> findings) {
        Table table = new Table("CHECK", "HOST", "RESULT", "EVIDENCE", "REMEDY");
        for (dev.swarmlab.deploy.Finding f : findings) {
            table.row(f.check(), f.host(), f.status().label(), f.evidence(), f.remedy());
        }
        return table;
    }

    /** Pretty JSON for `--json` outputs. */
    /** Headers of a table that counts cells: the leading ones given, CELLS, then one per state of the cell-state table. */
    static String[] countHeaders(String... leading) {
        List<String> headers = new java.util.ArrayList<>(List.of(leading));
        headers.add("CELLS");
        for (dev.swarmlab.plan.Verdict v : dev.swarmlab.plan.Verdict.values()) {
            headers.add(v.label().toUpperCase(java.util.Locale.ROOT));
        }
        return headers.toArray(String[]::new);
    }

    /** The cells of such a row: the leading values, the count of cells, then one count per state. */
    static String[] countRow(dev.swarmlab.run.CellCounts counts, String... leading) {
        List<String> row = new java.util.ArrayList<>(List.of(leading));
        row.add(String.valueOf(counts.cells()));
        for (dev.swarmlab.plan.Verdict v : dev.swarmlab.plan.Verdict.values()) {
            row.add(String.valueOf(counts.of(v)));
        }
        return row.toArray(String[]::new);
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.swarmlab.SwarmlabException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
