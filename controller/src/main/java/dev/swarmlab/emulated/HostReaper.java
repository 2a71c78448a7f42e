package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.Trees;
import dev.swarmlab.system.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Takes one emulated host apart, whatever state a crash left it in: stops dockerd gently (so
 * it stops its containers), kills whatever remains in the host's cgroup, then removes the
 * namespace, the veth, stray mounts and cgroup folders. Each step tolerates what is already gone.
 */
final class HostReaper {
    /** dockerd waits --shutdown-timeout (3 s) per container, then exits; this leaves it room. */
    private static final Duration GENTLE_STOP = Duration.ofSeconds(15);
    private static final Duration KILL = Duration.ofSeconds(10);
    private final HostSet set;
    private final Cgroups cgroups;
    private final Commands commands;

    HostReaper(HostSet set, Cgroups cgroups, Commands commands) {
        this.set = set;
        this.cgroups = cgroups;
        this.commands = commands;
    }

    /** Removes the host; with keepFiles, its folder (host key, Docker data) stays for a restart. */
    void reap(String host, boolean keepFiles) {
        HostPaths paths = set.paths(host);
        Optional<ProcessHandle> dockerd = HostProbe.process(paths.dockerdPidFile(), "dockerd");
        HostProbe.process(paths.sshdPidFile(), "sshd").ifPresent(ProcessHandle::destroy);
        dockerd.ifPresent(process -> {
            process.destroy();
            try {
                Deadline.in(GENTLE_STOP, host + "'s dockerd (pid " + process.pid() + ") to stop its containers and exit")
                        .await(() -> process.isAlive() ? null : Boolean.TRUE, Duration.ofMillis(100));
            } catch (SwarmlabException slow) {
                // it is killed with the rest of the cgroup below
            }
        });
        cgroups.killAll(cgroups.hostGroup(set, host), KILL);
        String ns = set.netns(host);
        killRemaining(ns);
        // The veth first: deleting it is synchronous, while a deleted namespace frees its devices later.
        if (!commands.run("ip", "link", "del", ns).ok() && Files.exists(Path.of("/sys/class/net", ns))) {
            commands.must("ip", "link", "del", ns);
        }
        if (Files.exists(Path.of("/run/netns", ns))) {
            commands.must("ip", "netns", "del", ns);
        }
        Mounts.unmountUnder(commands, paths.dir()); // private propagation should leave none
        cgroups.remove(set.cgroup() + "/" + host);
        if (!keepFiles) {
            Trees.delete(paths.dir());
        }
    }

    /** Processes that joined the namespace but escaped the cgroup (started by hand, say). */
    private void killRemaining(String ns) {
        if (!Files.exists(Path.of("/run/netns", ns))) {
            return;
        }
        List<ProcessHandle> left = commands.run("ip", "netns", "pids", ns).stdout().lines()
                .filter(line -> line.matches("\\d+"))
                .map(line -> ProcessHandle.of(Long.parseLong(line)))
                .flatMap(Optional::stream)
                .toList();
        left.forEach(ProcessHandle::destroyForcibly);
        Deadline.in(KILL, "the processes left in namespace " + ns + " to exit")
                .await(() -> left.stream().anyMatch(ProcessHandle::isAlive) ? null : Boolean.TRUE, Duration.ofMillis(50));
    }
}
