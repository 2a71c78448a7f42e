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

    HostLauncher(HostSet set, Underlay underlay, Tools tools, Cgroups cgroups, Commands commands, Progress progress) {
        this.set = set;
        this.underlay = underlay;
        this.tools = tools;
        this.cgroups = cgroups;
        this.commands = commands;
        this.progress = progress;
    }

    HostStatus launch(int index, Duration timeout) {
        long start = System.nanoTime();
        String host = HostSet.hostName(index);
        HostPaths paths = set.paths(host);
        writeFiles(host, index, paths);
        wireNetwork(host, index, paths);
        cgroups.create(set, host);
        commands.spawn(new Command(List.of(tools.path("nsenter").toString(), "--net=/run/netns/" + set.netns(host),
                tools.path("unshare").toString(), "--mount", "--uts", "--propagation", "private",
                "/bin/sh", paths.startScript().toString()), Duration.ofSeconds(10), "start " + host), paths.dockerdLog());
        progress.step(host, "namespace " + set.netns(host) + " at " + underlay.address(index) + ", starting dockerd and sshd");
        Deadline deadline = Deadline.in(timeout, host + "'s dockerd to answer on " + paths.dockerSocket()
                + " and its sshd on " + underlay.address(index) + ":22");
        try {
            EngineInfo engine = deadline.await(() -> HostProbe.docker(paths, callDeadline(deadline)), POLL);
            deadline.await(() -> HostProbe.sshBanner(underlay.address(index), 22, callDeadline(deadline)), POLL);
            progress.step(host, "ready in " + Durations.since(start) + " (Docker " + engine.version() + ", hostname " + engine.hostname() + ")");
            return new HostStatus(host, underlay.address(index), HostState.RUNNING, engine.version(), engine.hostname(), List.of());
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

    private void writeFiles(String host, int index, HostPaths paths) {
        try {
            for (Path dir : List.of(paths.dir(), paths.run(), paths.dockerData(), paths.dockerConfig(), paths.rootHome(), paths.ssh())) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            // The mount points must exist on this machine for the bind mounts inside the host.
            Files.createDirectories(Path.of("/var/lib/docker"));
            Files.createDirectories(Path.of("/etc/docker"));
            if (!Files.exists(paths.hostKey())) {
                commands.must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", host + "@" + set.prefix(), "-f", paths.hostKey().toString());
            }
            Files.copy(Path.of(set.identity() + ".pub"), paths.authorizedKeys(), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(paths.sshdConfig(), sshdConfig(host, underlay.address(index), paths));
            Files.writeString(paths.startScript(), startScript(host, paths));
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
}
