package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A Debian suite an emulated host's root filesystem is built from, and the packages that make the
 * tree a Docker host: the suite's own engine (docker.io with its containerd and runc), its sshd, and
 * the tools the controller runs on a host (ip, iptables, ping, and python3 for preflight's UDP listeners). From trixie on, the docker CLI is a
 * package of its own.
 */
public enum Suite {
    BOOKWORM("12", false), TRIXIE("13", true), SID("unstable", true);

    private static final List<String> COMMON = List.of("docker.io", "containerd", "runc", "openssh-server", "iproute2", "iptables",
            "iputils-ping", "ca-certificates", "python3-minimal");
    private final String release;
    private final boolean separateCli;

    Suite(String release, boolean separateCli) {
        this.release = release;
        this.separateCli = separateCli;
    }

    /** The suite's name as Debian spells it (bookworm, trixie, sid). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Debian's release number, or "unstable". */
    public String release() {
        return release;
    }

    /** The packages debootstrap puts into the tree besides the minimal base. */
    public List<String> packages() {
        return separateCli ? Stream.concat(COMMON.stream(), Stream.of("docker-cli")).toList() : COMMON;
    }

    public static Suite parse(String text, String where) {
        return Arrays.stream(values()).filter(s -> s.id().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new SwarmlabException(where + ": '" + text + "' is not a Debian suite swarmlab builds hosts of",
                        "use one of " + String.join(", ", ids()) + " (docker.io 20.10, 26.1 and 28.5 when last checked)"));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Suite::id).toList();
    }
}
