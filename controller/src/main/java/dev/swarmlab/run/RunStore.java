package dev.swarmlab.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.StateFiles;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.ServiceState;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Expectation;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Reason;
import dev.swarmlab.plan.Route;
import dev.swarmlab.plan.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A lab's runs in an embedded SQLite file (runs.db in its state folder). A run's cells are written
 * when it starts (pending) and each result as it arrives, committed one by one, so a controller
 * killed mid-run loses nothing it had measured, and history and run-to-run differences are queries.
 */
public final class RunStore implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Connection db;

    private RunStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    public static RunStore open(Path file) {
        try {
            StateFiles.newFolder(file.toAbsolutePath().getParent().getParent());
            Files.createDirectories(file.getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = db.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                // Each commit reaches the write-ahead log before it returns, so a killed controller loses nothing;
                // the fsync waits for checkpoints, which only an OS crash could make matter. One fsync per cell
                // would cost more than the probes.
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=10000");
                RunSchema.migrate(statement, file);
            } catch (SQLException | RuntimeException e) {
                db.close();
                throw e;
            }
            return new RunStore(file, db);
        } catch (SQLException | IOException e) {
            throw new SwarmlabException("cannot open the run database " + file + ": " + e.getMessage(),
                    "check that the lab's state folder is writable", List.of(), e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized void begin(RunInfo run, List<Placed> placed, List<Cell> cells) {
        begin(run, placed, List.of(), cells);
    }

    /** The run, where its agents, workloads and service tasks are, and its cells (pending), in one transaction. */
    public synchronized void begin(RunInfo run, List<Placed> placed, List<ServiceState> services, List<Cell> cells) {
        transaction(() -> {
            update("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?)", run.id(), run.lab(), run.labFile(), run.started(), null, "running",
                    ProcessHandle.current().pid(), run.filter(), run.findings(), run.model());
            for (Placed p : placed) {
                update("INSERT INTO placed VALUES (?,?,?,?,?,?,?,?)", run.id(), p.name(), p.host(), p.agent().role().label(),
                        json(p.agent().networks().stream().map(a -> a.network()).toList()), p.running() ? 1 : 0, json(p.addresses()),
                        json(p.ports()));
            }
            for (ServiceState service : services) {
                for (ServiceState.Task task : service.tasks()) {
                    update("INSERT INTO placed VALUES (?,?,?,?,?,?,?,?)", run.id(), service.name() + "." + task.id().substring(0,
                                    Math.min(12, task.id().length())), task.node(), "service task", json(List.copyOf(task.addresses().keySet())), 1,
                            json(task.addresses()), json(Map.of("published", service.publishedTcp(), "vips", service.vips())));
                }
            }
            insertCells(run.id(), 0, 0, cells);
        });
    }

    private void insertCells(String runId, int round, int firstSeq, List<Cell> cells) {
        int seq = firstSeq;
        for (Cell c : cells) {
            update("INSERT INTO cells (run_id, id, seq, network, source, source_host, target, target_host, route, probe, dial, port,"
                            + " expect_name, shadowed_by, expected, expected_reason, expected_source, verdict, round)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    runId, c.id(), seq++, c.network(), c.source(), c.sourceHost(), c.target(), c.targetHost(), c.route().name(),
                    c.probe().wire(), c.dial(), c.port(), c.expect().orElse(null), c.shadowedBy().orElse(null), c.expected().outcome().name(),
                    json(c.expected().why()), c.expected().source().name(), Verdict.PENDING.name(), round);
        }
    }

    /** A step between probe rounds: what it did (or what refused it), and the next round's cells, pending, in one transaction. */
    public synchronized void round(String runId, StepRound step, List<Cell> cells) {
        transaction(() -> {
            update("INSERT INTO rounds VALUES (?,?,?,?,?,?,?,?,?)", runId, step.round(), step.title(), step.action(), step.expected(),
                    step.outcome(), step.detail(), step.verdict().name(), Instant.now().toString());
            int[] next = {0};
            query("SELECT COALESCE(MAX(seq), -1) + 1 AS n FROM cells WHERE run_id=?", rs -> next[0] = rs.getInt("n"), runId);
            insertCells(runId, step.round(), next[0], cells);
        });
    }

    /** The workloads the lab expected Docker to refuse, as they went (round 0: tried once the lab was deployed). */
    public synchronized void attempts(String runId, List<StepRound> attempts) {
        transaction(() -> {
            for (int i = 0; i < attempts.size(); i++) {
                StepRound a = attempts.get(i);
                update("INSERT INTO attempts VALUES (?,?,?,?,?,?,?,?)", runId, i, a.title(), a.action(), a.expected(), a.outcome(), a.detail(),
                        a.verdict().name());
            }
        });
    }

    /** How the convergence gate before a probe round went. */
    public synchronized void gate(String runId, int round, Convergence.Outcome gate) {
        update("INSERT OR REPLACE INTO gates VALUES (?,?,?,?,?,?)", runId, round, gate.converged() ? 1 : 0, gate.waited().toMillis(),
                gate.describe(), json(gate.problems()));
    }

    /** Each probe round's gate, in round order: round, converged, waitedMs, text, problems (check, host, network, text). */
    public synchronized List<JsonNode> gates(String runId) {
        List<JsonNode> gates = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement("SELECT * FROM gates WHERE run_id=? ORDER BY round")) {
            statement.setString(1, runId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    var gate = JSON.createObjectNode().put("round", rs.getInt("round")).put("converged", rs.getInt("converged") == 1)
                            .put("waitedMs", rs.getLong("waited_ms")).put("text", rs.getString("text"));
                    gate.set("problems", tree(rs.getString("problems")));
                    gates.add(gate);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return gates;
    }

    /** The refusals tried (round 0), then the steps of a run, in order (round 1 is the first step's). */
    public synchronized List<StepRound> rounds(String runId) {
        List<StepRound> rounds = new ArrayList<>();
        query("SELECT * FROM attempts WHERE run_id=? ORDER BY seq", rs -> rounds.add(new StepRound(0,
                rs.getString("title"), rs.getString("action"), rs.getString("expected"), rs.getString("outcome"), rs.getString("detail"),
                Verdict.valueOf(rs.getString("verdict")))), runId);
        query("SELECT * FROM rounds WHERE run_id=? ORDER BY round", rs -> rounds.add(new StepRound(
                rs.getInt("round"), rs.getString("title"), rs.getString("action"), rs.getString("expected"), rs.getString("outcome"),
                rs.getString("detail"), Verdict.valueOf(rs.getString("verdict")))), runId);
        return rounds;
    }

    /** The hosts as the run found them: round 0, before any step. */
    public synchronized void evidence(String runId, List<HostEvidence> hosts) {
        evidence(runId, 0, hosts);
    }

    /** The hosts as a step left them, for that step's probe round (round 0 in the table older versions wrote). */
    public synchronized void evidence(String runId, int round, List<HostEvidence> hosts) {
        transaction(() -> hosts.forEach(h -> {
            List<Object> values = new ArrayList<>(List.of(runId));
            if (round > 0) {
                values.add(round);
            }
            values.addAll(Arrays.asList(h.host(), json(h.networks()), h.bridges(), h.natRules(), json(h.problems()), json(h.node())));
            update("INSERT OR REPLACE INTO " + (round == 0 ? "evidence (run_id, " : "round_evidence (run_id, round, ")
                    + "host, networks, bridges, nat, problems, node) VALUES (" + "?,".repeat(values.size() - 1) + "?)", values.toArray());
        }));
    }

    public synchronized List<HostEvidence> evidence(String runId) {
        return evidenceRows("SELECT 0 AS round, * FROM evidence WHERE run_id=? ORDER BY host", runId)
                .getOrDefault(0, List.of());
    }

    /** The evidence of every probe round after round 0, by round. */
    public synchronized Map<Integer, List<HostEvidence>> roundEvidence(String runId) {
        return evidenceRows("SELECT * FROM round_evidence WHERE run_id=? ORDER BY round, host", runId);
    }

    private Map<Integer, List<HostEvidence>> evidenceRows(String sql, String runId) {
        Map<Integer, List<HostEvidence>> byRound = new TreeMap<>();
        query(sql, rs -> {
            Map<String, String> networks = new LinkedHashMap<>();
            tree(rs.getString("networks")).fields().forEachRemaining(e -> networks.put(e.getKey(), e.getValue().asText()));
            List<String> problems = new ArrayList<>();
            tree(rs.getString("problems")).forEach(p -> problems.add(p.asText()));
            String node = rs.getString("node");
            byRound.computeIfAbsent(rs.getInt("round"), r -> new ArrayList<>()).add(new HostEvidence(rs.getString("host"),
                    node == null ? HostNode.UNKNOWN : read(node, HostNode.class), networks, rs.getString("bridges"), rs.getString("nat"), problems));
        }, runId);
        return byRound;
    }

    /** One result, committed at once. */
    public synchronized void record(String runId, CellResult r) {
        // Each result gets the run's next change number: a live view reads only the cells changed since it last looked.
        update("UPDATE cells SET verdict=?, outcome=?, reason=?, latency_ms=?, answered_by=?, timings=?, evidence=?, raw=?, measured=?,"
                        + " changed=(SELECT COALESCE(MAX(changed), 0) + 1 FROM cells WHERE run_id=?) WHERE run_id=? AND id=?", r.verdict().name(),
                r.outcome(), r.reason(), r.latencyMs().orElse(null), r.answeredBy().orElse(null), r.timings().toString(), r.evidence(), r.raw(),
                Instant.now().toString(), runId, runId, r.cellId());
    }

    public synchronized void finish(String runId, String status) {
        update("UPDATE runs SET ended=?, status=? WHERE id=?", Instant.now().toString(), status, runId);
    }

    public synchronized List<RunInfo> runs() {
        return runsWhere("");
    }

    /** One run, read alone (a live view asks for it several times a second). */
    public synchronized Optional<RunInfo> run(String id) {
        return runsWhere(" WHERE r.id=?", id).stream().findFirst();
    }

    private List<RunInfo> runsWhere(String where, Object... values) {
        Map<String, Map<Verdict, Integer>> counts = new HashMap<>();
        query("SELECT run_id, verdict, COUNT(*) AS n FROM cells" + where.replace("r.id", "run_id") + " GROUP BY run_id, verdict",
                rs -> counts.computeIfAbsent(rs.getString("run_id"), k -> new EnumMap<>(Verdict.class))
                        .put(Verdict.valueOf(rs.getString("verdict")), rs.getInt("n")), values);
        List<RunInfo> runs = new ArrayList<>();
        query("SELECT r.* FROM runs r" + where + " ORDER BY r.started",
                rs -> runs.add(runInfo(rs, new CellCounts(counts.getOrDefault(rs.getString("id"), Map.of())))), values);
        return runs;
    }

    /** What changed in a run since change number {@code after}: those cells, the last change number, and how many cells are measured of how many. */
    public record Changes(List<StoredCell> cells, long upTo, int done, int total) {
    }

    public synchronized Changes changes(String runId, long after) {
        List<StoredCell> cells = new ArrayList<>();
        long[] upTo = {after};
        query("SELECT * FROM cells WHERE run_id=? AND changed>? ORDER BY changed", rs -> {
            cells.add(storedCell(rs));
            upTo[0] = Math.max(upTo[0], rs.getLong("changed"));
        }, runId, after);
        int[] counts = {0, 0};
        query("SELECT COUNT(*) AS total, COALESCE(SUM(verdict<>?), 0) AS done FROM cells WHERE run_id=?", rs -> {
            counts[0] = rs.getInt("done");
            counts[1] = rs.getInt("total");
        }, Verdict.PENDING.name(), runId);
        return new Changes(cells, upTo[0], counts[0], counts[1]);
    }

    /** The cells of a run with their results (pending ones have none), in plan order. */
    public synchronized List<StoredCell> cells(String runId) {
        List<StoredCell> cells = new ArrayList<>();
        query("SELECT * FROM cells WHERE run_id=? ORDER BY seq", rs -> cells.add(storedCell(rs)), runId);
        return cells;
    }

    public synchronized List<StoredPlacement> placed(String runId) {
        List<StoredPlacement> placed = new ArrayList<>();
        query("SELECT * FROM placed WHERE run_id=? ORDER BY rowid", rs -> placed.add(new StoredPlacement(
                rs.getString("name"), rs.getString("host"), rs.getString("role"), tree(rs.getString("networks")), rs.getInt("running") == 1,
                tree(rs.getString("addresses")), tree(rs.getString("ports")))), runId);
        return placed;
    }

    private static RunInfo runInfo(ResultSet rs, CellCounts counts) throws SQLException {
        String status = rs.getString("status");
        if (status.equals("running") && ProcessHandle.of(rs.getLong("pid")).map(ProcessHandle::isAlive).orElse(false) == false) {
            status = "cut off";
        }
        return new RunInfo(rs.getString("id"), rs.getString("lab"), rs.getString("lab_file"), rs.getString("started"),
                Optional.ofNullable(rs.getString("ended")), status, rs.getString("filter"), rs.getString("findings"),
                counts, rs.getString("model"));
    }

    private static StoredCell storedCell(ResultSet rs) throws SQLException {
        String reason = rs.getString("expected_reason"); // message keys and parameters; a run stored before them, its words
        Reason why = reason.startsWith("{") ? read(reason, Reason.class) : Reason.said(reason);
        Cell cell = new Cell(rs.getString("id"), rs.getString("network"), rs.getString("source"), rs.getString("source_host"),
                rs.getString("target"), rs.getString("target_host"), Route.valueOf(rs.getString("route")), ProbeKind.of(rs.getString("probe")),
                rs.getString("dial"), rs.getInt("port"), Cell.answerers(rs.getString("expect_name")),
                Optional.ofNullable(rs.getString("shadowed_by")), new Expected(Expectation.Outcome.valueOf(rs.getString("expected")),
                why, Expected.Source.valueOf(rs.getString("expected_source"))));
        Verdict verdict = Verdict.valueOf(rs.getString("verdict"));
        Optional<CellResult> result = verdict == Verdict.PENDING ? Optional.empty() : Optional.of(new CellResult(cell.id(),
                rs.getString("outcome"), rs.getString("reason"), verdict, tree(rs.getString("timings")),
                Optional.ofNullable(rs.getString("answered_by")), rs.getString("evidence"), rs.getString("raw")));
        return new StoredCell(cell, result, rs.getInt("round"));
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SwarmlabException("cannot read " + json + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SwarmlabException("cannot encode " + value + ": " + e.getMessage(), e);
        }
    }

    private interface Rows {
        void row(ResultSet rs) throws SQLException;
    }

    /** Every value is bound to its ?: no id or name is ever part of the SQL text. */
    private void query(String sql, Rows rows, Object... values) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void update(String sql, Object... values) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void transaction(Runnable work) {
        try {
            db.setAutoCommit(false);
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the first failure is the one to report
            }
            throw e instanceof SwarmlabException known ? known : failure(e instanceof SQLException sql ? sql : new SQLException(e));
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                // the connection is closed with the store
            }
        }
    }

    private SwarmlabException failure(SQLException e) {
        return new SwarmlabException("the run database " + file + " failed: " + e.getMessage(),
                "check the disk and the file's permissions; a damaged file can be moved away (runs in it are lost)", List.of(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // nothing left to save: every result was committed as it came
        }
    }
}
