package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.Each;
import dev.swarmlab.deploy.FakeHost;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Reason;
import dev.swarmlab.plan.Route;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against fake hosts whose agents answer from a function: results stored as they come, dead agents as errors. */
class RunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Placed agent(String name, String host, boolean running) {
        return new Placed(new Agent(name, host, Agent.Role.AGENT, List.of(new Workload.Attachment("br", Optional.empty(), List.of())),
                Optional.empty()), name, running, Map.of("br", "10.91.0.2"), Map.of());
    }

    private static Cell cell(int n, String source, String host, Outcome expected) {
        return new Cell("c" + n, "br", source, host, "t" + n, host, Route.ADDRESS, ProbeKind.TCP, "10.91.0." + n, 7000, List.of("t" + n),
                Optional.empty(), new Expected(expected, Reason.said("rule"), Expected.Source.RULE));
    }

    /** Agents answer "ok" for even cells and "blocked" for odd ones. */
    private static String answer(String specLine) {
        try {
            String id = JSON.readTree(specLine).path("id").asText();
            boolean even = Integer.parseInt(id.substring(1)) % 2 == 0;
            return "{\"id\":\"" + id + "\",\"outcome\":\"" + (even ? "ok" : "blocked") + "\",\"reason\":\"" + (even ? "" : "refused")
                    + "\",\"timings\":{\"connectMs\":0.5},\"evidence\":\"fake\"}";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resultsAreJudgedAndStoredAndADeadAgentsCellsBecomeErrorsWhileTheRestComplete() {
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        FakeHost h2 = new FakeHost("h2", "10.0.0.12");
        h1.agent = RunnerTest::answer;
        h2.agent = RunnerTest::answer;
        h2.dead.add("a2");
        List<Placed> placed = List.of(agent("a1", "h1", true), agent("a2", "h2", true), agent("a3", "h2", false));
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String source = List.of("a1", "a2", "a3").get(i % 3);
            cells.add(cell(i, source, source.equals("a1") ? "h1" : "h2", i % 2 == 0 ? Outcome.REACHABLE : Outcome.BLOCKED));
        }
        cells.set(4, cell(4, "a1", "h1", Outcome.BLOCKED)); // ok where blocked was promised: unexpected
        Inventory inventory = new Inventory(dir.resolve("inv.yaml"), List.of(h1.inventoryHost(), h2.inventoryHost()));
        Map<String, FakeHost> byName = Map.of("h1", h1, "h2", h2);
        List<String> heard = new CopyOnWriteArrayList<>();
        try (Connections connections = Connections.open(inventory, h -> byName.get(h.name()).connection(), Progress.SILENT, Duration.ofSeconds(5));
             RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            store.begin(new RunInfo("r1", "lab", "lab.yaml", "2026-11-23T00:00:00Z", Optional.empty(), "running", "{}", "[]", null),
                    placed, cells);
            new Runner(store, "r1", (cell, result, done, total) -> heard.add(cell.id() + ":" + result.verdict() + " " + done + "/" + total))
                    .run(cells, placed, connections);
            assertEquals(12, heard.size(), "every cell was reported once: " + heard);
            assertTrue(heard.stream().anyMatch(h -> h.endsWith(" 12/12")));
            List<StoredCell> stored = store.cells("r1");
            for (StoredCell c : stored) {
                String source = c.cell().source();
                Verdict expected = source.equals("a1") ? (c.cell().id().equals("c4") ? Verdict.UNEXPECTED : Verdict.MATCHED) : Verdict.ERROR;
                assertEquals(expected, c.verdict(), c.cell().id() + " from " + source);
            }
            assertTrue(Each.all(stored.stream().filter(c -> c.cell().source().equals("a2")), c -> c.result().orElseThrow().reason()
                    .contains("container a2 is not running")), "the exec's failure is the reason");
            assertTrue(Each.all(stored.stream().filter(c -> c.cell().source().equals("a3")), c -> c.result().orElseThrow().reason()
                    .equals("agent a3 is not running on h2")));
        }
    }

    @Test
    void aTimeoutWhereAnAnswerWasExpectedIsProbedOnceMoreAndAnAnswerThenMakesItFlaky() {
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        AtomicInteger calls = new AtomicInteger();
        // The first try of c0 times out (an overlay still settling); every later try answers.
        h1.agent = spec -> spec.contains("\"c0\"") && calls.getAndIncrement() == 0
                ? "{\"id\":\"c0\",\"outcome\":\"blocked\",\"reason\":\"timeout\"}"
                : "{\"id\":\"" + (spec.contains("\"c0\"") ? "c0" : "c2") + "\",\"outcome\":\"ok\"}";
        List<Placed> placed = List.of(agent("a1", "h1", true));
        List<Cell> cells = List.of(cell(0, "a1", "h1", Outcome.REACHABLE), cell(2, "a1", "h1", Outcome.BLOCKED));
        Inventory inventory = new Inventory(dir.resolve("inv.yaml"), List.of(h1.inventoryHost()));
        try (Connections connections = Connections.open(inventory, h -> h1.connection(), Progress.SILENT, Duration.ofSeconds(5));
             RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            store.begin(new RunInfo("r1", "lab", "lab.yaml", "2026-11-23T00:00:00Z", Optional.empty(), "running", "{}", "[]", null),
                    placed, cells);
            Runner runner = new Runner(store, "r1", (cell, result, done, total) -> { });
            runner.run(cells, placed, connections);
            assertEquals(1, runner.retried(), "only the reachable cell that timed out");
            assertEquals(1, runner.flaky());
            StoredCell c0 = store.cells("r1").get(0);
            assertEquals(Verdict.FLAKY, c0.verdict(), "two tries that saw different things: never matched");
            assertTrue(c0.result().orElseThrow().evidence().startsWith("try 1: blocked (timeout); try 2: ok."), c0.toString());
            assertEquals("tries disagree: blocked (timeout), then ok", c0.result().orElseThrow().reason());
            assertEquals(Verdict.UNEXPECTED, store.cells("r1").get(1).verdict(), "an unexpected answer is not retried");
        }
    }
}
