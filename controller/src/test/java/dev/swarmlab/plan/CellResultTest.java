package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.ProbeKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Judging: what the agent saw against what the cell expects. */
class CellResultTest {
    private static Cell cell(String probe, Outcome expected, Optional<String> shadow) {
        return new Cell("c1", "br", "a-h1", "h1", "a-h2", "h2", Route.ADDRESS, ProbeKind.of(probe), "10.91.0.2", 0,
                probe.equals("icmp") ? List.<String>of() : List.of("a-h2"), shadow, new Expected(expected, Reason.said("why"), Expected.Source.RULE));
    }

    @ParameterizedTest(name = "{0} expecting {1}, agent says {2} ({3}) -> {5} {6}")
    @CsvSource({
            "tcp,  REACHABLE, ok,        '',                    false, ok,        MATCHED",
            "tcp,  REACHABLE, blocked,   timeout,               false, blocked,   UNEXPECTED",
            "tcp,  REACHABLE, blocked,   refused,               false, blocked,   UNEXPECTED",
            "tcp,  REACHABLE, misrouted, 'answered by b-h1',    false, misrouted, MISROUTED",
            "tcp,  BLOCKED,   blocked,   timeout,               false, blocked,   MATCHED",
            "tcp,  BLOCKED,   misrouted, 'answered by b-h1',    false, misrouted, MATCHED",
            "tcp,  BLOCKED,   ok,        '',                    false, ok,        UNEXPECTED",
            "tcp,  BLOCKED,   error,     'bad spec',            false, error,     ERROR",
            // an echo carries no identity: an address this host holds too answers here, which the controller knows
            "icmp, BLOCKED,   ok,        '',                    true,  misrouted, MATCHED",
            "icmp, REACHABLE, ok,        '',                    true,  misrouted, MISROUTED",
            "icmp, REACHABLE, ok,        '',                    false, ok,        MATCHED",
    })
    void judges(String probe, Outcome expected, String outcome, String reason, boolean shadowed, String observed, Verdict verdict)
            throws Exception {
        Cell cell = cell(probe, expected, shadowed ? Optional.of("b-h1") : Optional.empty());
        String line = "{\"id\":\"c1\",\"outcome\":\"" + outcome + "\",\"reason\":\"" + reason + "\",\"timings\":{\"rttAvgMs\":0.2}}";
        CellResult result = CellResult.judge(cell, new ObjectMapper().readTree(line));
        assertEquals(observed, result.outcome());
        assertEquals(verdict, result.verdict());
        if (shadowed) {
            assertEquals(Optional.of("b-h1@h1"), result.answeredBy());
            assertEquals("10.91.0.2 on h1 belongs to b-h1, not a-h2", result.reason());
        }
    }

    @Test
    void anUnmeasuredCellIsAnErrorWithItsReason() {
        CellResult result = CellResult.error(cell("tcp", Outcome.REACHABLE, Optional.empty()), "agent a-h1 is not running on h1");
        assertEquals(Verdict.ERROR, result.verdict());
        assertEquals("agent a-h1 is not running on h1", result.reason());
    }
}
