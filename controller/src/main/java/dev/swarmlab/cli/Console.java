package dev.swarmlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.Finding;
import dev.swarmlab.emulated.HostStatus;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.run.CellCounts;
import dev.swarmlab.session.Progress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        Table table = new Table("NAME", "ADDRESS", "SUITE", "DOCKER", "API", "FIREWALL", "HOSTNAME", "STATE", "PROBLEMS");
        for (HostStatus host : hosts) {
            table.row(host.name(), host.address(), host.suite().isEmpty() ? "(this machine)" : host.suite(), orDash(host.dockerVersion()),
                    orDash(host.apiVersion()), orDash(host.firewall()), orDash(host.hostname()), host.state().label(),
                    host.problems().isEmpty() ? "" : String.join("; ", host.problems()));
        }
        return table;
    }

    static Table findingsTable(List<Finding> findings) {
        Table table = new Table("CHECK", "HOST", "RESULT", "EVIDENCE", "REMEDY");
        for (Finding f : findings) {
            table.row(f.check(), f.host(), f.status().label(), f.evidence(), f.remedy());
        }
        return table;
    }

    /** Pretty JSON for `--json` outputs. */
    /** Headers of a table that counts cells: the leading ones given, CELLS, then one per state of the cell-state table. */
    static String[] countHeaders(String... leading) {
        List<String> headers = new ArrayList<>(List.of(leading));
        headers.add("CELLS");
        for (Verdict v : Verdict.values()) {
            headers.add(v.label().toUpperCase(Locale.ROOT));
        }
        return headers.toArray(String[]::new);
    }

    /** The cells of such a row: the leading values, the count of cells, then one count per state. */
    static String[] countRow(CellCounts counts, String... leading) {
        List<String> row = new ArrayList<>(List.of(leading));
        row.add(String.valueOf(counts.cells()));
        for (Verdict v : Verdict.values()) {
            row.add(String.valueOf(counts.of(v)));
        }
        return row.toArray(String[]::new);
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new SwarmlabException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
