package dev.swarmlab.deploy;

import java.util.Locale;

/**
 * One check's result: on a host (or "all"), pass/warn/fail, what was seen, and what to do; its kind says whether preflight
 * checked the host before the deploy, or the run compared what the hosts report once deployed with what the lab asks.
 */
public record Finding(String check, String host, Status status, String evidence, String remedy, Kind kind) {
    public enum Kind { PREFLIGHT, AS_DEPLOYED }

    public Finding(String check, String host, Status status, String evidence, String remedy) {
        this(check, host, status, evidence, remedy, Kind.PREFLIGHT);
    }

    /** The same result, of the lab as deployed. */
    public Finding asDeployed() {
        return new Finding(check, host, status, evidence, remedy, Kind.AS_DEPLOYED);
    }

    /** Whether it says the hosts, once deployed, are otherwise than the lab asks: the "AS DEPLOYED" lines of run, deploy and show. */
    public boolean differsAsDeployed() {
        return kind == Kind.AS_DEPLOYED && status != Status.PASS;
    }

    /** "h1: default bridge: ...": the host, the check and what was seen, as one line. */
    public String line() {
        return host + ": " + check + ": " + evidence;
    }

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
