package dev.swarmlab.plan;

/** How a cell came out against its expectation. */
public enum Verdict {
    /** what the drivers promise happened (an expected block that blocked is a match) */
    MATCHED,
    /** the observation contradicts the expectation */
    UNEXPECTED,
    /** nothing was measured: the agent, its host or the exec failed */
    ERROR,
    /** planned, not measured yet (the run is going, or was cut off) */
    PENDING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
