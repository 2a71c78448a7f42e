package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Debian suite an emulated host's root filesystem is built from, and what the tree holds: sshd and
 * the tools the controller runs on a host (ip, ping, and python3 for preflight's UDP listeners), no
 * engine. The suite's own engine (docker.io with containerd, runc, iptables, and from trixie on the
 * separate docker-cli) is put on each host by `swarmlab provision`'s path, as on a real machine.
 */
public enum Suite {
    BOOKWORM("12"), TRIXIE("13"), SID("unstable");

    private static final List<String> PACKAGES = List.of("openssh-server", "iproute2", "iputils-ping", "ca-certificates", "python3-minimal");
    private final String release;

    Suite(String release) {
        this.release = release;
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
        return PACKAGES;
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
