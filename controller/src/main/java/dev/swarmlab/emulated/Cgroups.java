package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps every process of an emulated host in one cgroup v2 subtree, so teardown finds them all
 * (dockerd, containerd, shims, sshd, containers) even after a crash, and kills them with
 * cgroup.kill. dockerd's containers go under the same subtree through --cgroup-parent; on a
 * hybrid machine the cgroup v1 hierarchies get matching folders, removed here too.
 */
final class Cgroups {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private final Path unified;

    private Cgroups(Path unified) {
        this.unified = unified;
    }

    /** Finds the cgroup v2 hierarchy: /sys/fs/cgroup itself, or /sys/fs/cgroup/unified on hybrid machines. */
    static Cgroups find() {
        for (Path candidate : List.of(ROOT, ROOT.resolve("unified"))) {
            if (Files.exists(candidate.resolve("cgroup.procs")) && Files.exists(candidate.resolve("cgroup.subtree_control"))) {
                return new Cgroups(candidate);
            }
        }
        throw new SwarmlabException("no cgroup v2 hierarchy is mounted at /sys/fs/cgroup or /sys/fs/cgroup/unified",
                "mount one: mount -t cgroup2 none /sys/fs/cgroup/unified", List.of(), null);
    }

    Path unified() {
        return unified;
    }

    /** The cgroup that a host's daemons start in (a leaf, so cgroup v2 allows processes in it). */
    Path daemonGroup(HostSet set, String host) {
        return hostGroup(set, host).resolve("daemon");
    }

    Path hostGroup(HostSet set, String host) {
        return unified.resolve(set.cgroup()).resolve(host);
    }

    /** The --cgroup-parent for the host's containers, relative to every hierarchy's root. */
    String containerParent(HostSet set, String host) {
        return "/" + set.cgroup() + "/" + host + "/containers";
    }

    void create(HostSet set, String host) {
        try {
            Files.createDirectories(daemonGroup(set, host));
        } catch (IOException e) {
            throw new SwarmlabException("cannot create cgroup " + daemonGroup(set, host) + ": " + e.getMessage(), e);
        }
    }

    List<Long> processes(Path group) {
        if (!Files.isDirectory(group)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(group)) {
            List<Long> pids = new ArrayList<>();
            for (Path procs : tree.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                readLines(procs).forEach(line -> pids.add(Long.parseLong(line.trim())));
            }
            return pids;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Kills every process in the group and its children, and waits until the group is empty. */
    void killAll(Path group, Duration within) {
        if (!Files.isDirectory(group)) {
            return;
        }
        Path kill = group.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            write(kill, "1");
        } else {
            processes(group).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        Deadline.in(within, "the processes of cgroup " + group + " to exit")
                .await(() -> processes(group).isEmpty() ? Boolean.TRUE : null, Duration.ofMillis(50));
    }

    /** Removes a folder shared by every set (swarmlab/) when no set uses it any more; otherwise leaves it. */
    void removeIfUnused(String relative) {
        for (Path root : roots()) {
            try {
                Files.deleteIfExists(root.resolve(relative));
            } catch (IOException e) {
                // another set of hosts still has its cgroups there
            }
        }
    }

    private List<Path> roots() {
        List<Path> roots = new ArrayList<>(List.of(unified));
        try (Stream<Path> hierarchies = Files.list(ROOT)) {
            hierarchies.filter(Files::isDirectory).filter(p -> !p.equals(unified)).forEach(roots::add);
        } catch (IOException e) {
            // no v1 hierarchies
        }
        return roots;
    }

    /** Removes the set's folders from the v2 hierarchy and from every v1 hierarchy, deepest first. */
    void remove(String relative) {
        for (Path root : roots()) {
            Path top = root.resolve(relative);
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(top)) {
                for (Path dir : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                throw new SwarmlabException("cannot remove cgroup " + top + ": " + e.getMessage()
                        + " (a process may still be in it)", e);
            }
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
