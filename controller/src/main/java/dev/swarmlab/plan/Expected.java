package dev.swarmlab.plan;

import dev.swarmlab.lab.Expectation;

/**
 * What a cell should show and why: a driver rule from concepts.md, a preflight finding, the lab's
 * own override, or nothing the model knows (a network option it does not model), which leaves the
 * cell not judged: measured and shown, never counted for or against Docker.
 */
public record Expected(Expectation.Outcome outcome, Reason why, Source source) {
    public enum Source { RULE, PREFLIGHT, LAB, UNMODELLED }

    /** A cell the model has no expectation for; {@code outcome} is only a placeholder then. */
    public static Expected notJudged(Reason why) {
        return new Expected(Expectation.Outcome.REACHABLE, why, Source.UNMODELLED);
    }

    /** Why, in English. */
    public String reason() {
        return why.text();
    }

    public boolean judged() {
        return source != Source.UNMODELLED;
    }

    public boolean reachable() {
        return judged() && outcome == Expectation.Outcome.REACHABLE;
    }

    public String label() {
        return !judged() ? "not judged" : reachable() ? "reachable" : "blocked";
    }
}
