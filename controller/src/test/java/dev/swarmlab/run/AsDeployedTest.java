package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.deploy.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "AS DEPLOYED" lines: what the hosts report otherwise than the lab asks, and nothing else. */
class AsDeployedTest {
    private static final Finding ICC = Finding.warn("default bridge", "h1", "the hosts' daemon.json has icc false", "none").asDeployed();

    @Test
    void onlyADeployedDifferenceIsOne() {
        assertTrue(ICC.differsAsDeployed());
        assertEquals("h1: default bridge: the hosts' daemon.json has icc false", ICC.line());
        assertFalse(Finding.pass("default bridge", "h1", "as asked").asDeployed().differsAsDeployed(), "as asked is no difference");
        assertFalse(Finding.warn("kernel: ip_vs", "h1", "no IP_VS", "").differsAsDeployed(), "a preflight warning is not one");
    }

    @Test
    void aStoredRunSaysItsDifferencesAndAnOlderRunsFindingsAreRead() {
        String findings = RunStore.json(List.of(ICC, Finding.warn("kernel: esp", "h2", "no INET_ESP", "")))
                .replace("]", ",{\"check\":\"old\",\"host\":\"h3\",\"status\":\"WARN\",\"evidence\":\"stored before kinds\",\"remedy\":\"\"}]");
        RunInfo run = new RunInfo("r1", "lab", "lab.yaml", "2026-12-07T10:00:00Z", Optional.empty(), "passed", "", findings,
                new CellCounts(Map.of()));
        RunReport report = new RunReport(run, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of());
        assertEquals(List.of("h1: default bridge: the hosts' daemon.json has icc false"), report.asDeployed());
    }
}
