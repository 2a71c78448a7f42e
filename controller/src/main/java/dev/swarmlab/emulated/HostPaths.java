package dev.swarmlab.emulated;

import java.nio.file.Path;

/**
 * The files of one emulated host. run/ is bind-mounted over the host's /run, docker/ over its
 * /var/lib/docker, etc-docker/ over /etc/docker and root/ over /root, so each dockerd sees
 * standard paths (/var/run/docker.sock) while the controller reads the same files from here,
 * and root's SSH sessions start in a home of their own, without this machine's shell startup files.
 */
public record HostPaths(Path dir) {
    public Path run() {
        return dir.resolve("run");
    }

    public Path dockerData() {
        return dir.resolve("docker");
    }

    public Path dockerConfig() {
        return dir.resolve("etc-docker");
    }

    public Path rootHome() {
        return dir.resolve("root");
    }

    public Path ssh() {
        return dir.resolve("ssh");
    }

    public Path hostKey() {
        return ssh().resolve("ssh_host_ed25519_key");
    }

    public Path hostPublicKey() {
        return ssh().resolve("ssh_host_ed25519_key.pub");
    }

    public Path authorizedKeys() {
        return ssh().resolve("authorized_keys");
    }

    public Path sshdConfig() {
        return ssh().resolve("sshd_config");
    }

    /** For a host of a suite: its root as dockerd and sshd see it (an overlay of the suite's tree and upper/). */
    public Path rootfs() {
        return dir.resolve("rootfs");
    }

    /** The host's own writable layer over the suite's tree, and overlayfs's work folder beside it. */
    public Path upper() {
        return dir.resolve("upper");
    }

    public Path work() {
        return dir.resolve("work");
    }

    /** Bind-mounted over a suite host's /var/lib/containerd (never on the overlay: containerd's snapshots are overlays themselves). */
    public Path containerdData() {
        return dir.resolve("containerd");
    }

    /** Names the suite tree a host's root is made of; absent for a host on this machine's own root. */
    public Path treeFile() {
        return dir.resolve("tree");
    }

    public Path startScript() {
        return dir.resolve("start.sh");
    }

    /** How the host's dockerd is started (its cgroup, its environment, its flags): by the start script and by the kit's service manager. */
    public Path dockerdScript() {
        return dir.resolve("dockerd.sh");
    }

    /** The emulated kit's service manager (a suite host has no systemd), installed in the host as /usr/local/sbin/swarmlab-service. */
    public Path serviceScript() {
        return dir.resolve("swarmlab-service");
    }

    /** Seen from this machine: the mark the kit's service manager leaves in a suite host's own layer once its engine is enabled. */
    public Path engineEnabled() {
        return upper().resolve(HostKit.ENABLED.substring(1));
    }

    public Path dockerdLog() {
        return dir.resolve("dockerd.log");
    }

    public Path sshdLog() {
        return dir.resolve("sshd.log");
    }

    public Path dockerSocket() {
        return run().resolve("docker.sock");
    }

    public Path dockerdPidFile() {
        return run().resolve("docker.pid");
    }

    public Path sshdPidFile() {
        return run().resolve("sshd.pid");
    }
}
