package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cell-state table is defined once: the README's copy is the code's, and the exit status follows it. */
class VerdictTest {
    @Test
    void theReadmesTableIsTheCodes() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("../README.md"));
        int header = readme.indexOf("| state | meaning | exit status of `run` | junit.xml |");
        List<String> rows = readme.subList(header + 2, header + 2 + Verdict.values().length);
        assertEquals(Arrays.stream(Verdict.values()).map(v -> "| " + v.label() + " | " + v.meaning() + " | " + v.effect().exitStatus() + " | "
                + v.junit() + " |").toList(), rows);
        assertEquals("", readme.get(header + 2 + Verdict.values().length), "no row beyond the states");
    }

    @Test
    void aFailureOutweighsAnUnknownCellWhichOutweighsMatches() {
        assertEquals(0, Verdict.exitStatus(List.of(Verdict.MATCHED, Verdict.NOT_JUDGED)));
        assertEquals(3, Verdict.exitStatus(List.of(Verdict.MATCHED, Verdict.ERROR, Verdict.PENDING)));
        assertEquals(1, Verdict.exitStatus(List.of(Verdict.ERROR, Verdict.FLAKY, Verdict.MATCHED)));
        assertEquals(Verdict.PENDING, Verdict.ofKey("pending"), "what earlier reports wrote");
        assertEquals(Verdict.NOT_JUDGED, Verdict.ofKey("not-judged"));
    }
}
