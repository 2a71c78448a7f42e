package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Restarts one emulated host's dockerd in place: its namespace, its sshd (and so the controller's
 * SSH to it) and its files stay. Docker 20.10 can leave its swarm network database running after a
 * leave whose broadcast timed out, holding the gossip port 7946, and only a new dockerd lets the
 * host join a swarm again; a real host's daemon is its owner's to restart, an emulated one is ours.
 */
final class DockerdRestart {
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration POLL = Duration.ofMillis(200);

    private final HostSet set;
    private final Commands commands;

    DockerdRestart(HostSet set, Commands commands) {
        this.set = set;
        this.commands = commands;
    }

    /** Stops the host's dockerd, starts it again the way its start script does, and waits for it to answer. */
    void restart(String host) {
        HostPaths paths = set.paths(host);
        ProcessHandle dockerd = HostProbe.process(paths.dockerdPidFile(), "dockerd")
                .orElseThrow(() -> new SwarmlabException(host + ": its dockerd is not running", "run `swarmlab hosts up`, which restarts it"));
        ProcessHandle sshd = HostProbe.process(paths.sshdPidFile(), "sshd")
                .orElseThrow(() -> new SwarmlabException(host + ": its sshd is not running", "run `swarmlab hosts up`, which restarts it"));
        String script = Files.exists(paths.dockerdScript()) ? "exec /bin/sh '" + paths.dockerdScript() + "'" : daemonLines(paths.startScript());
        dockerd.destroy();
        Deadline.in(STOP, host + "'s dockerd (pid " + dockerd.pid() + ") to exit").await(() -> dockerd.isAlive() ? null : true, POLL);
        // sshd runs in the host's mount and UTS namespaces (the start script's unshare): the new dockerd joins them.
        String ns = "/proc/" + sshd.pid() + "/ns/";
        commands.spawn(new Command(List.of("nsenter", "--net=/run/netns/" + set.netns(host), "--mount=" + ns + "mnt", "--uts=" + ns + "uts",
                "/bin/sh", "-c", script), Duration.ofSeconds(10), "restart " + host + "'s dockerd"), paths.dockerdLog());
        Deadline.in(START, host + "'s new dockerd to answer on " + paths.dockerSocket())
                .await(() -> HostProbe.docker(paths, Duration.ofSeconds(2)), POLL);
    }

    /** The start script's lines that place and start dockerd (its cgroup, its environment, the exec), without the mounts and sshd. */
    static String daemonLines(Path startScript) {
        try {
            List<String> lines = Files.readAllLines(startScript).stream()
                    .filter(l -> l.startsWith("echo $$ > ") || l.startsWith("export ") || l.startsWith("exec ")).toList();
            if (lines.stream().noneMatch(l -> l.startsWith("exec ") && l.contains("dockerd"))) {
                throw new SwarmlabException(startScript + " does not start dockerd", "run `swarmlab hosts down` and `swarmlab hosts up`");
            }
            return String.join("\n", lines);
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + startScript + ": " + e.getMessage(), "run `swarmlab hosts up`", List.of(), e);
        }
    }
}
