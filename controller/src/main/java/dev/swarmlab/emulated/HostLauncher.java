package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings up one emulated host: its files, its network namespace wired to the lab bridge, and
 * its dockerd and sshd in fresh mount and UTS namespaces, then waits until both answer.
 */
final class HostLauncher {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CALL = Duration.ofSeconds(2);
    private static final Duration MIN_CALL = Duration.ofMillis(100);
    private final HostSet set;
    private final Underlay underlay;
    private final Tools tools;
    private final Cgroups cgroups;
    private final Commands commands;
    private final Progress progress;
    private final String machineIptables;

    HostLauncher(HostSet set, Underlay underlay, Tools tools, Cgroups cgroups, Commands commands, Progress progress, String machineIptables) {
        this.machineIptables = machineIptables;
        this.set = set;
        this.underlay = underlay;
        this.tools = tools;
        this.cgroups = cgroups;
        this.commands = commands;
        this.progress = progress;
    }

    /** Starts host hN on this machine's own root, or, with a tree, on an overlay of that suite's root filesystem. */
    HostStatus launch(int index, Duration timeout, Optional<SuiteTree> tree) {
        long start = System.nanoTime();
        String host = HostSet.hostName(index);
        HostPaths paths = set.paths(host);
        writeFiles(host, index, paths, tree);
        wireNetwork(host, index, paths);
        cgroups.create(set, host);
        commands.spawn(new Command(List.of(tools.path("nsenter").toString(), "--net=/run/netns/" + set.netns(host),
                tools.path("unshare").toString(), "--mount", "--uts", "--propagation", "private",
                "/bin/sh", paths.startScript().toString()), Duration.ofSeconds(10), "start " + host), paths.dockerdLog());
        boolean engine = tree.isEmpty() || Files.exists(paths.engineEnabled());
        progress.step(host, "namespace " + set.netns(host) + " at " + underlay.address(index) + (engine ? ", starting dockerd and sshd" : ", starting sshd"));
        Deadline deadline = Deadline.in(timeout, (engine ? host + "'s dockerd to answer on " + paths.dockerSocket() + " and its sshd" : host + "'s sshd (a bare host)")
                + " on " + underlay.address(index) + ":22");
        try {
            if (!engine) {
                deadline.await(() -> HostProbe.sshBanner(underlay.address(index), 22, callDeadline(deadline)), POLL);
                progress.step(host, "ready in " + Durations.since(start) + " (Debian " + tree.get().suite() + ", no engine yet)");
                return HostStatus.bare(host, underlay.address(index), tree.get());
            }
            EngineInfo info = deadline.await(() -> HostProbe.docker(paths, callDeadline(deadline)), POLL);
            deadline.await(() -> HostProbe.sshBanner(underlay.address(index), 22, callDeadline(deadline)), POLL);
            progress.step(host, "ready in " + Durations.since(start) + " (" + tree.map(t -> "Debian " + t.suite() + ", ").orElse("")
                    + "Docker " + info.version() + ", hostname " + info.hostname() + ")");
            return HostStatus.running(host, underlay.address(index), info, tree, machineIptables);
        } catch (SwarmlabException e) {
            List<String> evidence = new ArrayList<>(HostProbe.tail(paths.dockerdLog(), 12));
            evidence.addAll(HostProbe.tail(paths.sshdLog(), 6));
            throw new SwarmlabException(host + ": " + e.getMessage(),
                    "see the log tails above; a slow machine may need a longer --timeout", evidence, e);
        }
    }

    /** One call may take at most 2 s, and never past the overall deadline. */
    private static Duration callDeadline(Deadline deadline) {
        Duration left = deadline.remaining();
        return left.compareTo(CALL) > 0 ? CALL : left.compareTo(MIN_CALL) < 0 ? MIN_CALL : left;
    }

    private void writeFiles(String host, int index, HostPaths paths, Optional<SuiteTree> tree) {
        try {
            List<Path> dirs = new ArrayList<>(List.of(paths.dir(), paths.run(), paths.dockerData(), paths.dockerConfig(), paths.rootHome(), paths.ssh()));
            if (tree.isPresent()) {
                dirs.addAll(List.of(paths.rootfs(), paths.upper(), paths.work(), paths.containerdData()));
            }
            for (Path dir : dirs) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            if (tree.isPresent()) {
                Files.writeString(paths.treeFile(), tree.get().dir() + "\n");
            } else {
                Files.deleteIfExists(paths.treeFile());
            }
            // The mount points must exist on this machine for the bind mounts inside the host.
            Files.createDirectories(Path.of("/var/lib/docker"));
            Files.createDirectories(Path.of("/etc/docker"));
            if (!Files.exists(paths.hostKey())) {
                commands.must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", host + "@" + set.prefix(), "-f", paths.hostKey().toString());
            }
            Files.copy(Path.of(set.identity() + ".pub"), paths.authorizedKeys(), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(paths.sshdConfig(), sshdConfig(host, underlay.address(index), paths));
            if (tree.isPresent()) {
                Files.writeString(paths.dockerdScript(), HostKit.dockerdScript(host, cgroups.daemonGroup(set, host).resolve("cgroup.procs").toString(),
                        cgroups.containerParent(set, host)));
                Files.writeString(paths.serviceScript(), HostKit.serviceScript(host, paths));
            }
            Files.writeString(paths.startScript(), tree.map(t -> suiteStartScript(host, paths, t)).orElseGet(() -> startScript(host, paths)));
        } catch (IOException e) {
            throw new SwarmlabException(host + ": cannot write its files under " + paths.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Two `ip -batch` runs (one in this namespace, one in the host's) rather than seven processes. */
    private void wireNetwork(String host, int index, HostPaths paths) {
        String ns = set.netns(host);
        runBatch(paths.dir().resolve("network.ip"), List.of("ip"), List.of(
                "netns add " + ns,
                "link add " + ns + " type veth peer name eth0 netns " + ns,
                "link set " + ns + " master " + set.bridge() + " up"));
        runBatch(paths.dir().resolve("network-inside.ip"), List.of("ip", "-n", ns), List.of(
                "addr add " + underlay.cidr(index) + " dev eth0",
                "link set eth0 up",
                "link set lo up",
                "route add default via " + underlay.gateway()));
    }

    private void runBatch(Path file, List<String> ip, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), e);
        }
        List<String> argv = new ArrayList<>(ip);
        argv.addAll(List.of("-batch", file.toString()));
        commands.run(new Command(argv, Command.DEFAULT_DEADLINE, "wire the host's network (" + file + ")")).orThrow();
    }

    private String sshdConfig(String host, String address, HostPaths paths) {
        return String.join("\n",
                "# sshd of emulated host " + host + ", written by `swarmlab hosts up`",
                "ListenAddress " + address,
                "Port 22",
                "HostKey " + paths.hostKey(),
                "AuthorizedKeysFile " + paths.authorizedKeys(),
                "PidFile /run/sshd.pid",
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "AllowStreamLocalForwarding yes",
                "AllowTcpForwarding yes",
                "X11Forwarding no",
                "PrintMotd no",
                "MaxSessions 64",
                "MaxStartups 64:30:128",
                "ClientAliveInterval 15",
                "Subsystem sftp internal-sftp",
                "");
    }

    /**
     * Runs inside the host's new mount and UTS namespaces: joins the host's cgroup, puts the
     * host's own folders over /run, /var/lib/docker, /etc/docker and /root, sets the hostname, starts
     * sshd and becomes dockerd.
     */
    private String startScript(String host, HostPaths paths) {
        return String.join("\n",
                "#!/bin/sh",
                "# Emulated host " + host + ": run by `swarmlab hosts up` through nsenter + unshare.",
                "set -e",
                "echo $$ > '" + cgroups.daemonGroup(set, host).resolve("cgroup.procs") + "'",
                "mount --bind '" + paths.run() + "' /run",
                "mount --bind '" + paths.dockerData() + "' /var/lib/docker",
                "mount --bind '" + paths.dockerConfig() + "' /etc/docker",
                "mount --bind '" + paths.rootHome() + "' /root",
                "hostname " + host,
                "mkdir -p /run/sshd",
                "# Many Go daemons share few cores here: one OS thread each spares what their spinning costs.",
                "export GOMAXPROCS=1",
                "'" + tools.path("sshd") + "' -f '" + paths.sshdConfig() + "' -E '" + paths.sshdLog() + "'",
                "exec '" + tools.path("dockerd") + "' --host unix:///var/run/docker.sock --pidfile /run/docker.pid"
                        + " --shutdown-timeout 3 --cgroup-parent " + cgroups.containerParent(set, host),
                "");
    }

    /**
     * For a host of a suite: the same, but inside the suite's tree. The tree is the read-only lower
     * layer of an overlay with the host's own upper layer; proc, sys and dev come in, the host's
     * folders go over the tree's /run, /var/lib/docker, /var/lib/containerd, /etc/docker and /root,
     * and the host's folder is seen at its own path, so its sshd config and logs need no other names.
     * Then the overlay becomes the root of the host's mount namespace (pivot_root, not chroot: a
     * container's exec joins its mount namespace from that namespace's root, and under a chroot it
     * would find this machine's files instead of the container's), and sshd and dockerd are the
     * tree's own (a newer suite's programs need its libraries), dockerd started through the kit's script
     * ({@link HostKit}): at once, or on a bare host once `swarmlab provision` has put the engine on and enabled it.
     */
    private String suiteStartScript(String host, HostPaths paths, SuiteTree tree) {
        String root = paths.rootfs().toString();
        List<String> lines = new ArrayList<>(List.of(
                "#!/bin/sh",
                "# Emulated host " + host + " on Debian " + tree.suite() + " (" + tree.dir() + "): run by `swarmlab hosts up` through nsenter + unshare.",
                "set -e",
                "echo $$ > '" + cgroups.daemonGroup(set, host).resolve("cgroup.procs") + "'",
                "mount -t overlay overlay -o 'lowerdir=" + tree.dir() + ",upperdir=" + paths.upper() + ",workdir=" + paths.work() + "' '" + root + "'",
                "mount -t proc proc '" + root + "/proc'",
                "mount --rbind /sys '" + root + "/sys'",
                "mount --rbind /dev '" + root + "/dev'"));
        for (var bind : List.of(List.of(paths.run(), "/run"), List.of(paths.dockerData(), "/var/lib/docker"),
                List.of(paths.containerdData(), "/var/lib/containerd"), List.of(paths.dockerConfig(), "/etc/docker"),
                List.of(paths.rootHome(), "/root"), List.of(paths.dir(), paths.dir().toString()))) {
            String inside = root + bind.get(1);
            lines.add("mkdir -p '" + inside + "' && mount --bind '" + bind.get(0) + "' '" + inside + "'");
        }
        lines.addAll(List.of(
                "cd '" + root + "' && mkdir -p " + OLD_ROOT + " && '" + tools.path("pivot_root") + "' . " + OLD_ROOT,
                "cd / && umount -l /" + OLD_ROOT + " && rmdir /" + OLD_ROOT,
                "hostname " + host,
                "mkdir -p /run/sshd",
                "/usr/sbin/sshd -f '" + paths.sshdConfig() + "' -E '" + paths.sshdLog() + "'"));
        lines.addAll(HostKit.startLines(paths));
        lines.add("");
        return String.join("\n", lines);
    }

    /** Where this machine's root is put aside by pivot_root inside a suite host, and unmounted at once. */
    private static final String OLD_ROOT = ".swarmlab-old-root";
}
