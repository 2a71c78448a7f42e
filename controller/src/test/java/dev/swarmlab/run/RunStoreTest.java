package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Expectation;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Reason;
import dev.swarmlab.plan.Route;
import dev.swarmlab.plan.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run database: cells stored as planned, results as they come, all readable by another process later. */
class RunStoreTest {
    @TempDir
    Path dir;

    private static Cell cell(String id, Outcome expected) {
        return new Cell(id, "ov", "a-h1", "h1", "a-h2", "h2", Route.NAME, ProbeKind.DNS, "a-h2", 0, List.of(), Optional.empty(),
                new Expected(expected, Reason.said("an overlay spans hosts"), Expected.Source.RULE));
    }

    @Test
    void aRunCutOffMidwayKeepsWhatItMeasuredAndShowsTheRestAsNotMeasured() throws Exception {
        Path file = dir.resolve("runs.db");
        List<Cell> cells = List.of(cell("c1", Outcome.REACHABLE), cell("c2", Outcome.REACHABLE), cell("c3", Outcome.BLOCKED));
        // A pid that is not running: this run's controller died before finishing it.
        long gone = new ProcessBuilder("true").start().pid();
        try (RunStore store = RunStore.open(file)) {
            store.begin(new RunInfo("r1", "lab", "lab.yaml", "2026-11-23T00:00:00Z", Optional.empty(), "running", "{}", "[]", null),
                    List.of(), cells);
            store.record("r1", CellResult.judge(cells.get(0), new ObjectMapper().readTree(
                    "{\"id\":\"c1\",\"outcome\":\"ok\",\"timings\":{\"resolveMs\":1.5},\"evidence\":\"a-h2 -> 10.90.0.3\"}")));
        }
        try (RunStore reopened = RunStore.open(file)) {
            List<StoredCell> stored = reopened.cells("r1");
            assertEquals(List.of(Verdict.MATCHED, Verdict.PENDING, Verdict.PENDING), stored.stream().map(StoredCell::verdict).toList());
            assertEquals("a-h2 -> 10.90.0.3", stored.get(0).result().orElseThrow().evidence());
            RunInfo run = reopened.run("r1").orElseThrow();
            assertEquals(3, run.counts().cells());
            assertEquals(1, run.counts().of(Verdict.MATCHED));
            assertEquals(2, run.counts().of(Verdict.PENDING));
            assertEquals(3, run.counts().exitStatus(), "cells not measured make the run incomplete");
            assertEquals("running", run.status(), "this process started it and is alive");
        }
        assertTrue(Files.size(file) > 0);
        // The same run, seen as a controller that is gone would have left it.
        try (RunStore store = RunStore.open(file)) {
            store.begin(new RunInfo("r2", "lab", "lab.yaml", "2026-11-23T00:01:00Z", Optional.empty(), "running", "{}", "[]", null),
                    List.of(), cells);
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var statement = db.createStatement()) {
            statement.executeUpdate("UPDATE runs SET pid=" + gone + " WHERE id='r2'");
        }
        try (RunStore store = RunStore.open(file)) {
            assertEquals("cut off", store.run("r2").orElseThrow().status());
            store.finish("r1", "failed");
            assertEquals("failed", store.run("r1").orElseThrow().status());
            assertEquals(List.of("r1", "r2"), store.runs().stream().map(RunInfo::id).toList());
        }
    }

    @Test
    void theReportCountsAndComparesWhatWasStored() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            List<Cell> cells = List.of(cell("c1", Outcome.REACHABLE), cell("c2", Outcome.BLOCKED));
            store.begin(new RunInfo("r1", "lab", "lab.yaml", "2026-11-23T00:00:00Z", Optional.empty(), "running", "{}", "[]", null),
                    List.of(), cells);
            ObjectMapper json = new ObjectMapper();
            store.record("r1", CellResult.judge(cells.get(0), json.readTree("{\"id\":\"c1\",\"outcome\":\"ok\"}")));
            store.record("r1", CellResult.judge(cells.get(1), json.readTree("{\"id\":\"c2\",\"outcome\":\"ok\"}")));
            store.finish("r1", "failed");
            store.evidence("r1", List.of(new HostEvidence("h1", HostNode.UNKNOWN, Map.of("ov", "{\"Name\":\"ov\"}", "br", ""),
                    "5: br-1: <BROADCAST>", "-A DOCKER -j RETURN", List.of())));
            RunReport report = RunReport.load(store, "r1");
            JsonNode evidence = report.json().path("evidence").get(0);
            assertEquals("h1", evidence.path("host").asText());
            assertEquals("ov", evidence.path("networks").path("ov").path("Name").asText());
            assertTrue(evidence.path("networks").path("br").isNull(), "a network the host does not have");
            assertEquals("-A DOCKER -j RETURN", evidence.path("natRules").asText());
            assertEquals(0, evidence.path("round").asInt());
            // a step's round has the hosts as the step left them, beside round 0's
            store.evidence("r1", 1, List.of(new HostEvidence("h1", HostNode.UNKNOWN, Map.of("ov", ""), "", "-A DOCKER -j DNAT",
                    List.of())));
            assertEquals(Set.of(1), store.roundEvidence("r1").keySet());
            JsonNode rounds = RunReport.load(store, "r1").json().path("evidence");
            assertEquals(2, rounds.size());
            assertEquals("0 -A DOCKER -j RETURN|1 -A DOCKER -j DNAT", rounds.get(0).path("round").asInt() + " " + rounds.get(0).path("natRules")
                    .asText() + "|" + rounds.get(1).path("round").asInt() + " " + rounds.get(1).path("natRules").asText());
            assertEquals(List.of(new Summary.NetworkCounts("ov", new CellCounts(Map.of(Verdict.MATCHED, 1, Verdict.UNEXPECTED, 1)))),
                    report.summary().networks());
            assertEquals(1, report.exitStatus());
            assertEquals("yes !", report.summary().comparison().get(0).seen().get(Summary.Column.CROSS_HOST_NAME));
            Path out = report.write(dir.resolve("out"));
            String junit = Files.readString(out.resolve("junit.xml"));
            assertTrue(junit.contains("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""), junit);
            assertTrue(junit.contains("<failure type=\"unexpected\" message=\"unexpected: expected blocked, observed ok\""), junit);
            assertEquals("unexpected", json.readTree(out.resolve("report.json").toFile()).path("cells").get(1).path("verdict").asText());
        }
    }

    @Test
    void aStepsRoundKeepsItsCellsApartAndTheStepWithThem(@TempDir Path dir) {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            Cell first = new Cell("c1", "br", "a", "h1", "b", "h1", Route.ADDRESS, ProbeKind.TCP,
                    "10.0.0.3", 7000, List.of("b"), Optional.empty(), new Expected(
                    Expectation.Outcome.REACHABLE, Reason.said("why"), Expected.Source.RULE));
            store.begin(new RunInfo("r1", "lab", "lab.yaml", "2026-11-23T00:00:00Z", Optional.empty(), "running", "{}", "[]", null),
                    List.of(), List.of(first));
            store.round("r1", StepRound.of(1, "docker network rm br", "remove-network", true, "refused", "h1: has active endpoints"),
                    List.of(first.inRound(1)));
            List<StoredCell> cells = store.cells("r1");
            assertEquals(List.of("c1", "round1/c1"), cells.stream().map(c -> c.cell().id()).toList());
            assertEquals(List.of(0, 1), cells.stream().map(StoredCell::round).toList());
            StepRound step = store.rounds("r1").get(0);
            assertEquals("refused", step.outcome());
            assertEquals(Verdict.MATCHED, step.verdict());
            RunReport report = RunReport.load(store, "r1");
            assertEquals(1, report.json().path("cells").get(1).path("round").asInt());
            assertEquals("h1: has active endpoints", report.json().path("rounds").get(0).path("detail").asText());
        }
    }

    /** A database as swarmlab wrote it before schema versions: a run with one cell measured and one pending. */
    private static void writeUnversioned(Path file) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var sql = db.createStatement()) {
            for (String table : RunSchema.SCHEMA.split(";")) {
                if (!table.isBlank()) {
                    sql.execute(table);
                }
            }
            sql.execute("INSERT INTO runs VALUES ('old', 'lab', 'lab.yaml', '2026-11-01T00:00:00Z', '2026-11-01T00:01:00Z', 'passed', 1,"
                    + " '{}', '[]')");
            String columns = "(run_id, id, seq, network, source, source_host, target, target_host, route, probe, dial, port, expected,"
                    + " expected_reason, expected_source, verdict, outcome, reason, evidence, raw, measured)";
            sql.execute("INSERT INTO cells " + columns + " VALUES ('old', 'c1', 0, 'ov', 'a-h1', 'h1', 'a-h2', 'h2', 'NAME', 'dns', 'a-h2', 0,"
                    + " 'REACHABLE', 'an overlay spans hosts', 'RULE', 'MATCHED', 'ok', '', 'a-h2 -> 10.90.0.3', '{}', '2026-11-01T00:00:30Z')");
            sql.execute("INSERT INTO cells " + columns + " VALUES ('old', 'c2', 1, 'ov', 'a-h1', 'h1', 'a-h3', 'h3', 'NAME', 'dns', 'a-h3', 0,"
                    + " 'REACHABLE', 'an overlay spans hosts', 'RULE', 'PENDING', NULL, NULL, NULL, NULL, NULL)");
        }
    }

    @Test
    void aDatabaseOfTodaysFormatIsMigratedOnceAndKeepsEveryRun() throws Exception {
        Path file = dir.resolve("runs.db");
        writeUnversioned(file);
        try (RunStore store = RunStore.open(file)) {
            assertEquals(List.of(Verdict.MATCHED, Verdict.PENDING), store.cells("old").stream().map(StoredCell::verdict).toList());
            assertEquals("1", store.run("old").orElseThrow().model(), "a run from before model versions was judged by the first");
            RunStore.Changes changes = store.changes("old", 0);
            assertEquals(List.of("c1"), changes.cells().stream().map(c -> c.cell().id()).toList(), "the measured cell has a change number");
            assertEquals(1, changes.done());
            assertEquals(2, changes.total());
            store.record("old", CellResult.judge(cell("c2", Outcome.REACHABLE), new ObjectMapper().readTree("{\"id\":\"c2\",\"outcome\":\"ok\"}")));
            assertEquals(List.of("c2"), store.changes("old", changes.upTo()).cells().stream().map(c -> c.cell().id()).toList(),
                    "a new result comes after what was there");
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var sql = db.createStatement();
             var rs = sql.executeQuery("PRAGMA user_version")) {
            assertEquals(RunSchema.VERSION, rs.getInt(1));
        }
        try (RunStore again = RunStore.open(file)) {
            assertEquals(2, again.cells("old").size(), "opening a migrated file again changes nothing");
        }
    }

    @Test
    void aDatabaseOfANewerSwarmlabIsRefusedWithWhy() throws Exception {
        Path file = dir.resolve("runs.db");
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var sql = db.createStatement()) {
            sql.execute("PRAGMA user_version = 99");
        }
        SwarmlabException refused = Assertions.assertThrows(SwarmlabException.class,
                () -> RunStore.open(file));
        assertTrue(refused.getMessage().contains("written by a newer swarmlab (schema 99"), refused.getMessage());
    }
}
