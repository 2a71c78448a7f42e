package dev.swarmlab.plan;

import dev.swarmlab.lab.Expectation;

/** What a cell should show and why: a driver rule from concepts.md, a preflight finding, or the lab's own override. */
public record Expected(Expectation.Outcome outcome, String reason, Source source) {
    public enum Source { RULE, PREFLIGHT, LAB }

    public boolean reachable() {
        return outcome == Expectation.Outcome.REACHABLE;
    }

    public String label() {
        return reachable() ? "reachable" : "blocked";
    }
}
