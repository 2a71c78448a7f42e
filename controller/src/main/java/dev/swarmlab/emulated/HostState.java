package dev.swarmlab.emulated;

import java.util.Locale;

/** How an emulated host is doing, as seen from this machine. */
public enum HostState {
    /** Namespace present, dockerd answering, sshd accepting. */
    RUNNING,
    /** Some of it is there and some is not: left by a crash or a killed process; `up` repairs it, `down` removes it. */
    DEGRADED,
    /** Its files remain but nothing runs. */
    STOPPED,
    /** A namespace with the set's prefix that no host record owns: left by a crash; `down` removes it. */
    ORPHAN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
