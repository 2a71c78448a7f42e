package dev.swarmlab.run;

import dev.swarmlab.plan.Verdict;

/**
 * A lab step between probe rounds, as it went: round N follows step N. {@code expected} is "done"
 * or "refused" (the lab expects Docker to refuse it); {@code outcome} is what happened ("done",
 * "refused", or "error" when it could not be tried), {@code detail} what changed or Docker's
 * message; the verdict compares the two.
 */
public record StepRound(int round, String title, String action, String expected, String outcome, String detail, Verdict verdict) {
    public static StepRound of(int round, String title, String action, boolean refusalExpected, String outcome, String detail) {
        String expected = refusalExpected ? "refused" : "done";
        Verdict verdict = outcome.equals("error") ? Verdict.ERROR : outcome.equals(expected) ? Verdict.MATCHED : Verdict.UNEXPECTED;
        return new StepRound(round, title, action, expected, outcome, detail, verdict);
    }
}
