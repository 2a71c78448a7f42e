package dev.swarmlab;

import java.util.List;

/**
 * The one unchecked exception family of swarmlab. Library exceptions are translated into it
 * at the boundary, with the evidence that explains them (a log tail, a command's stderr) and
 * a remedy the user can act on.
 */
public class SwarmlabException extends RuntimeException {
    private final String remedy;
    private final List<String> evidence;

    public SwarmlabException(String message) {
        this(message, null, List.of(), null);
    }

    /** A failure the user can act on: what went wrong and what to do about it. */
    public SwarmlabException(String message, String remedy) {
        this(message, remedy, List.of(), null);
    }

    public SwarmlabException(String message, Throwable cause) {
        this(message, null, List.of(), cause);
    }

    public SwarmlabException(String message, String remedy, List<String> evidence, Throwable cause) {
        super(message, cause);
        this.remedy = remedy;
        this.evidence = List.copyOf(evidence);
    }

    public SwarmlabException withRemedy(String newRemedy) {
        return new SwarmlabException(getMessage(), newRemedy, evidence, getCause());
    }

    public SwarmlabException withEvidence(List<String> lines) {
        return new SwarmlabException(getMessage(), remedy, lines, getCause());
    }

    /** What the user can do about it, or null. */
    public String remedy() {
        return remedy;
    }

    /** Lines that show why (log tails, command output); may be empty. */
    public List<String> evidence() {
        return evidence;
    }
}
