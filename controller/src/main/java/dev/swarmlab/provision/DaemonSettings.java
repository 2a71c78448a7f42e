package dev.swarmlab.provision;

/**
 * The daemon settings a lab needs, and only those, in one file provisioning owns: /etc/docker/daemon.json,
 * labelled by a daemon label (`docker info` shows it) so a later run knows the file is its own. Swarm
 * mode refuses live restore; the labs' bridge, overlay and publishing paths need dockerd to program the
 * firewall and IP forwarding, which a hand-edited file may have turned off.
 */
final class DaemonSettings {
    static final String FILE = "/etc/docker/daemon.json";
    static final String LABEL = "dev.swarmlab.provisioned=true";
    static final String TEXT = String.join("\n",
            "{",
            "  \"labels\": [\"" + LABEL + "\"],",
            "  \"live-restore\": false,",
            "  \"iptables\": true,",
            "  \"ip-forward\": true",
            "}",
            "");

    private DaemonSettings() {
    }

    /** Whether a daemon.json found on the host is provisioning's (it carries the label). */
    static boolean ours(String text) {
        return text.contains(LABEL);
    }
}
