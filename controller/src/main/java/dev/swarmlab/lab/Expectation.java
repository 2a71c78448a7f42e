package dev.swarmlab.lab;

import java.util.Optional;

/**
 * A lab's override of what the driver rules expect for matching probe cells. Empty selectors
 * match anything; the reason is shown in the report beside every cell it changes.
 */
public record Expectation(Optional<String> from, Optional<String> to, Optional<String> network, Optional<ProbeKind> probe,
                          Outcome expect, String reason) {
    public enum Outcome { REACHABLE, BLOCKED }
}
