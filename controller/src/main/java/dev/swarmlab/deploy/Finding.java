package dev.swarmlab.deploy;

import java.util.Locale;

/** One preflight result: a check on a host (or "all"), pass/warn/fail, what was seen, and what to do. */
public record Finding(String check, String host, Status status, String evidence, String remedy) {
    public enum Status {
        PASS, WARN, FAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Finding pass(String check, String host, String evidence) {
        return new Finding(check, host, Status.PASS, evidence, "");
    }

    public static Finding warn(String check, String host, String evidence, String remedy) {
        return new Finding(check, host, Status.WARN, evidence, remedy);
    }

    public static Finding fail(String check, String host, String evidence, String remedy) {
        return new Finding(check, host, Status.FAIL, evidence, remedy);
    }
}
