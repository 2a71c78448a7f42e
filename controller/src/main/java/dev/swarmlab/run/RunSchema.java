package dev.swarmlab.run;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.plan.Verdict;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The run database's tables and their versions: what {@link RunStore} opens a file with. */
final class RunSchema {
    /**
     * The schema's version: 1 the tables below; 2 each cell's change number, for live views; 3 each run's model version (see
     * {@link #migrate}).
     */
    static final int VERSION = 3;
    /** Version 1 of the tables (later versions are migrations). */
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, lab TEXT NOT NULL, lab_file TEXT NOT NULL, started TEXT NOT NULL,
              ended TEXT, status TEXT NOT NULL, pid INTEGER NOT NULL, filter TEXT NOT NULL, findings TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS placed (run_id TEXT NOT NULL, name TEXT NOT NULL, host TEXT NOT NULL, role TEXT NOT NULL,
              networks TEXT NOT NULL, running INTEGER NOT NULL, addresses TEXT NOT NULL, ports TEXT NOT NULL, PRIMARY KEY (run_id, name));
            CREATE TABLE IF NOT EXISTS evidence (run_id TEXT NOT NULL, host TEXT NOT NULL, networks TEXT NOT NULL, bridges TEXT NOT NULL,
              nat TEXT NOT NULL, problems TEXT NOT NULL, node TEXT, PRIMARY KEY (run_id, host));
            CREATE TABLE IF NOT EXISTS round_evidence (run_id TEXT NOT NULL, round INTEGER NOT NULL, host TEXT NOT NULL,
              networks TEXT NOT NULL, bridges TEXT NOT NULL, nat TEXT NOT NULL, problems TEXT NOT NULL, node TEXT,
              PRIMARY KEY (run_id, round, host));
            CREATE TABLE IF NOT EXISTS cells (run_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, network TEXT NOT NULL,
              source TEXT NOT NULL, source_host TEXT NOT NULL, target TEXT NOT NULL, target_host TEXT NOT NULL, route TEXT NOT NULL,
              probe TEXT NOT NULL, dial TEXT NOT NULL, port INTEGER NOT NULL, expect_name TEXT, shadowed_by TEXT, expected TEXT NOT NULL,
              expected_reason TEXT NOT NULL, expected_source TEXT NOT NULL, verdict TEXT NOT NULL, outcome TEXT, reason TEXT,
              latency_ms REAL, answered_by TEXT, timings TEXT, evidence TEXT, raw TEXT, measured TEXT, round INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (run_id, id));
            CREATE TABLE IF NOT EXISTS attempts (run_id TEXT NOT NULL, seq INTEGER NOT NULL, title TEXT NOT NULL, action TEXT NOT NULL,
              expected TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL, verdict TEXT NOT NULL, PRIMARY KEY (run_id, seq));
            CREATE TABLE IF NOT EXISTS gates (run_id TEXT NOT NULL, round INTEGER NOT NULL, converged INTEGER NOT NULL,
              waited_ms INTEGER NOT NULL, text TEXT NOT NULL, problems TEXT NOT NULL, PRIMARY KEY (run_id, round));
            CREATE TABLE IF NOT EXISTS rounds (run_id TEXT NOT NULL, round INTEGER NOT NULL, title TEXT NOT NULL, action TEXT NOT NULL,
              expected TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL, verdict TEXT NOT NULL, at TEXT NOT NULL,
              PRIMARY KEY (run_id, round));
            """;

    private RunSchema() {
    }

    /**
     * Brings the database to {@link #VERSION} (kept in PRAGMA user_version), one step at a time, in one transaction that
     * no other process can interleave: 0, a new file or one written before versions (the tables, with the columns added
     * since); 1 to 2, each cell's change number (measured cells of older runs numbered in plan order); 2 to 3, each
     * run's model version (1 for the runs before it).
     */
    static void migrate(Statement statement, Path file) throws SQLException {
        if (version(statement) == VERSION) {
            return; // the usual case: no write lock taken just to read
        }
        statement.execute("BEGIN IMMEDIATE");
        try {
            int version = version(statement);
            if (version > VERSION) {
                throw new SwarmlabException(file + " was written by a newer swarmlab (schema " + version + ", this one knows " + VERSION + ")",
                        "use that swarmlab to read it, or move the file away to start a new history");
            }
            if (version < 1) {
                for (String sql : SCHEMA.split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
                addColumn(statement, "evidence", "node", "node TEXT");
                addColumn(statement, "cells", "round", "round INTEGER NOT NULL DEFAULT 0");
            }
            if (version < 2) {
                addColumn(statement, "cells", "changed", "changed INTEGER NOT NULL DEFAULT 0");
                statement.execute("UPDATE cells SET changed = seq + 1 WHERE changed = 0 AND verdict <> '" + Verdict.PENDING.name() + "'");
                statement.execute("CREATE INDEX IF NOT EXISTS cells_changed ON cells (run_id, changed)");
            }
            if (version < 3) {
                // Runs before this column were judged by the first model, the case table.
                addColumn(statement, "runs", "model", "model TEXT NOT NULL DEFAULT '1'");
            }
            statement.execute("PRAGMA user_version = " + VERSION);
            statement.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            statement.execute("ROLLBACK");
            throw e;
        }
    }

    private static int version(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static void addColumn(Statement statement, String table, String column, String definition) throws SQLException {
        boolean has = false;
        try (ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (columns.next()) {
                has |= columns.getString("name").equals(column);
            }
        }
        if (!has) {
            statement.execute("ALTER TABLE " + table + " ADD COLUMN " + definition);
        }
    }
}
