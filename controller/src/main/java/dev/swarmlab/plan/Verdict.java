package dev.swarmlab.plan;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The states a cell can end in: the one table that the CLI summary, the exit status, report.json,
 * JUnit, the API's counts and the page's legend all use (the README prints it too).
 */
public enum Verdict {
    MATCHED("matched", "Docker did what its documentation promises for this configuration (an expected block that blocked matches)",
            Effect.PASS, "a passing test case"),
    UNEXPECTED("unexpected", "the observation contradicts what Docker promises here", Effect.FAIL, "a failure of type unexpected"),
    MISROUTED("misrouted", "an answer came, from another container than the target (an address that another container holds too)",
            Effect.FAIL, "a failure of type misrouted"),
    FLAKY("flaky", "tries of the cell observed different things: every observation is kept, and the cell never counts as matched",
            Effect.FAIL, "a failure of type flaky"),
    ERROR("error", "nothing was measured (an agent, its host or the exec failed), or the lab's own infrastructure did not converge;"
            + " the reason gives the diagnosis", Effect.INCOMPLETE, "an error"),
    NOT_JUDGED("not judged", "observed, but the model has no expectation for this configuration; the reason says why", Effect.PASS,
            "skipped, with the reason"),
    PENDING("not measured", "planned, not measured (the run is going, or was cut off)", Effect.INCOMPLETE, "skipped");

    /** What a state does to the run's outcome and so to `swarmlab run`'s exit status. */
    public enum Effect {
        /** the run can still pass: exit 0 */
        PASS(0),
        /** Docker did not do what it promises, or not every time: the run failed, exit 1 */
        FAIL(1),
        /** nothing is known of the cell: the run is incomplete, exit 3 unless a cell failed */
        INCOMPLETE(3);

        private final int exitStatus;

        Effect(int exitStatus) {
            this.exitStatus = exitStatus;
        }

        public int exitStatus() {
            return exitStatus;
        }
    }

    private final String label;
    private final String meaning;
    private final Effect effect;
    private final String junit;

    Verdict(String label, String meaning, Effect effect, String junit) {
        this.label = label;
        this.meaning = meaning;
        this.effect = effect;
        this.junit = junit;
    }

    /** The word people read: "matched", "not judged", "not measured". */
    public String label() {
        return label;
    }

    /** The word programs read (report.json, the API, the page's CSS classes): the label with '-' for blanks. */
    public String key() {
        return label.replace(' ', '-');
    }

    public String meaning() {
        return meaning;
    }

    public Effect effect() {
        return effect;
    }

    /** How junit.xml writes a cell in this state. */
    public String junit() {
        return junit;
    }

    /** The state a key names, e.g. from report.json; "pending" is what earlier versions wrote for "not measured". */
    public static Verdict ofKey(String key) {
        for (Verdict v : values()) {
            if (v.key().equals(key) || v.name().toLowerCase(Locale.ROOT).equals(key)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no cell state " + key);
    }

    /**
     * The exit status of a run whose cells and steps ended in these states: 1 if any failed, else 3
     * if any is unknown, else 0.
     */
    public static int exitStatus(List<Verdict> verdicts) {
        return verdicts.stream().map(Verdict::effect).anyMatch(e -> e == Effect.FAIL) ? Effect.FAIL.exitStatus()
                : verdicts.stream().map(Verdict::effect).anyMatch(e -> e == Effect.INCOMPLETE) ? Effect.INCOMPLETE.exitStatus() : 0;
    }

    /** The table as data: each state's key, label, meaning, exit status and JUnit form (report.json and the page's legend). */
    public static List<Map<String, Object>> table() {
        return Arrays.stream(values()).map(v -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", v.key());
            row.put("label", v.label());
            row.put("meaning", v.meaning());
            row.put("exitStatus", v.effect().exitStatus());
            row.put("junit", v.junit());
            return row;
        }).toList();
    }
}
