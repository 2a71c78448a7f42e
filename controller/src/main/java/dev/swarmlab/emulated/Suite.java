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
    BOOKWORM("12", "20.10.24"), TRIXIE("13", "26.1.5"), SID("unstable", "28.5.2");

    private static final List<String> PACKAGES = List.of("openssh-server", "iproute2", "iputils-ping", "ca-certificates", "python3-minimal");
    private final String release;
    private final String shipped;

    Suite(String release, String shipped) {
        this.release = release;
        this.shipped = shipped;
    }

    /**
     * The docker.io version the suite shipped when last checked (2026-12): what `hosts up --engine` picks the suite by.
     * A suite that moves on (sid) is found out when the host is provisioned: the version asked is refused, naming the archive's.
     */
    public String shipped() {
        return shipped;
    }

    /** The suite that ships the Docker version asked ("28.5", "26.1.5", "20"), matched against the start of what each shipped. */
    public static Suite shipping(String version, String where) {
        return Arrays.stream(values()).filter(s -> s.shipped.equals(version) || s.shipped.startsWith(version + ".")).findFirst()
                .orElseThrow(() -> new SwarmlabException(where + ": no Debian suite swarmlab builds hosts of ships Docker " + version,
                        "ask for one they ship: " + String.join(", ", Arrays.stream(values()).map(s -> s.id() + " " + s.shipped).toList())
                                + " (when last checked), or give the suite with --suite"));
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
                        "use one of " + String.join(", ", Arrays.stream(values()).map(s -> s.id() + " (docker.io " + s.shipped + ")").toList())
                                + ", as last checked"));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Suite::id).toList();
    }
}
