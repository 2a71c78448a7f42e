package dev.swarmlab.run;

import java.util.Optional;

/** A run as listed: which lab, when, how it ended, and how many cells matched, surprised or failed. */
public record RunInfo(String id, String lab, String labFile, String started, Optional<String> ended, String status, String filter,
                      String findings, Counts counts) {
    public record Counts(int cells, int matched, int unexpected, int errors) {
        public int pending() {
            return cells - matched - unexpected - errors;
        }
    }
}
