package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Reason;
import dev.swarmlab.plan.Route;
import dev.swarmlab.plan.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared cause of the cells that did not match, said before they are listed. */
class CausesTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    private static StoredCell cell(int n, String network, String from, String to, String outcome) throws Exception {
        Cell cell = new Cell("c" + n, network, "a-" + from, from, "a-" + to, to, Route.NAME, ProbeKind.TCP, "a-" + to, 7000, List.of("a-" + to),
                Optional.empty(), new Expected(Outcome.REACHABLE, Reason.said("an overlay spans hosts"), Expected.Source.RULE));
        CellResult result = CellResult.judge(cell, new ObjectMapper().readTree("{\"id\":\"c" + n + "\",\"outcome\":\"" + outcome
                + "\",\"reason\":\"" + (outcome.equals("ok") ? "" : "timeout") + "\"}"));
        return new StoredCell(cell, Optional.of(result));
    }

    /** Every pair of hosts on two networks; the cells through h2 on svc-overlay fail. */
    private static List<StoredCell> run(boolean onlyH2Overlay) throws Exception {
        List<StoredCell> cells = new ArrayList<>();
        int n = 0;
        for (String network : List.of("svc-overlay", "bridge")) {
            for (String from : HOSTS) {
                for (String to : HOSTS) {
                    boolean h2 = from.equals("h2") || to.equals("h2");
                    boolean fails = onlyH2Overlay ? h2 && network.equals("svc-overlay") : n % 2 == 0;
                    cells.add(cell(n++, network, from, to, fails ? "blocked" : "ok"));
                }
            }
        }
        return cells;
    }

    @Test
    void cellsThatAllInvolveOneHostOnOneNetworkNameThem() throws Exception {
        List<StoredCell> cells = run(true);
        List<Causes.Cause> causes = Causes.of(cells);
        assertEquals(1, causes.size(), causes.toString());
        assertEquals("all 5 unexpected cells involve h2 on svc-overlay (5 of the 5 cells that do); they share one reason: timeout.",
                causes.get(0).text());
    }

    @Test
    void failuresScatteredOverHostsAndNetworksShareNoCause() throws Exception {
        List<StoredCell> cells = run(false);
        assertEquals(9, cells.stream().filter(c -> c.verdict() == Verdict.UNEXPECTED).count());
        List<Causes.Cause> causes = Causes.of(cells);
        assertEquals(List.of("all 9 unexpected cells share one reason: timeout."), causes.stream().map(Causes.Cause::text).toList(),
                "no host or network explains them all, or most of them: only the reason is shared");
    }
}
