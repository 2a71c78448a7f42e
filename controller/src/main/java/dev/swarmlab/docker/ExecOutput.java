package dev.swarmlab.docker;

/** How an exec ended: its exit code (-1 when the deadline cut it off) and what it wrote to stderr. */
public record ExecOutput(long exitCode, String stderr, boolean timedOut) {
}
