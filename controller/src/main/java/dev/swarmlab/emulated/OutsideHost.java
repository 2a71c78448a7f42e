package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The "internet" of the emulated hosts: a network namespace on the underlay, outside every host
 * and swarm, serving a page over HTTP on port 80 (busybox httpd). Containers reach it the way
 * they reach the world: NATed out through their host's interface. Labs name it `outside: local`.
 */
final class OutsideHost {
    static final String NAME = "www";
    static final String PAGE = "swarmlab outside stand-in: an HTTP endpoint beyond the lab's hosts\n";
    private final HostSet set;
    private final Commands commands;
    private final Progress progress;

    OutsideHost(HostSet set, Commands commands, Progress progress) {
        this.set = set;
        this.commands = commands;
        this.progress = progress;
    }

    private String netns() {
        return set.netns(NAME);
    }

    private Path dir() {
        return set.dir().resolve(NAME);
    }

    /** Starts it unless it already serves. */
    void ensure(Underlay underlay) {
        String address = underlay.outside();
        if (Files.exists(Path.of("/run/netns", netns())) && HostProbe.tcpOpen(address, 80, Duration.ofSeconds(1))) {
            return;
        }
        remove();
        try {
            Files.createDirectories(dir());
            Files.writeString(dir().resolve("index.html"), PAGE);
        } catch (IOException e) {
            throw new SwarmlabException("cannot write the outside stand-in's page under " + dir() + ": " + e.getMessage(), e);
        }
        String ns = netns();
        commands.must("ip", "netns", "add", ns);
        commands.must("ip", "link", "add", ns, "type", "veth", "peer", "name", "eth0", "netns", ns);
        commands.must("ip", "link", "set", ns, "master", set.bridge(), "up");
        commands.must("ip", "-n", ns, "addr", "add", underlay.outsideCidr(), "dev", "eth0");
        commands.must("ip", "-n", ns, "link", "set", "eth0", "up");
        commands.must("ip", "-n", ns, "link", "set", "lo", "up");
        String busybox = Files.isExecutable(Path.of("/bin/busybox")) ? "/bin/busybox" : "busybox";
        commands.spawn(new Command(List.of("ip", "netns", "exec", ns, busybox, "httpd", "-f", "-p", "80", "-h", dir().toString()),
                Duration.ofSeconds(10), "start the outside stand-in"), dir().resolve("httpd.log"));
        Deadline.in(Duration.ofSeconds(10), "the outside stand-in to serve HTTP at " + address + ":80")
                .await(() -> HostProbe.tcpOpen(address, 80, Duration.ofMillis(500)) ? true : null, Duration.ofMillis(100));
        progress.step(NAME, "outside stand-in serving HTTP at " + address + ":80 (labs: `outside: local`)");
    }

    /** Stops its server, waits until it is gone, then removes its namespace and the veth it held. */
    void remove() {
        String ns = netns();
        if (Files.exists(Path.of("/run/netns", ns))) {
            List<ProcessHandle> inside = commands.run("ip", "netns", "pids", ns).stdout().lines().filter(l -> l.matches("\\d+"))
                    .map(Long::parseLong).flatMap(pid -> ProcessHandle.of(pid).stream()).toList();
            inside.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : inside) {
                try {
                    process.onExit().get(5, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new SwarmlabException("the outside stand-in's server (pid " + process.pid() + ") did not stop", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SwarmlabException("interrupted while stopping the outside stand-in", e);
                }
            }
            commands.must("ip", "netns", "del", ns);
        }
        // A namespace outlives its name while anything holds it: the host end of its veth goes explicitly.
        if (commands.run("ip", "link", "show", ns).exitCode() == 0) {
            commands.must("ip", "link", "del", ns);
        }
    }
}
