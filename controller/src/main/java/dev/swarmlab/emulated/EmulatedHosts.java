package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.Trees;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.net.Subnet;
import dev.swarmlab.provision.Provisioner;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.Commands;
import dev.swarmlab.system.LocalCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Several real Docker hosts on this machine: `hosts up`, `hosts ls` and `hosts down`.
 * Every change happens under a lock on the set, so two commands never interleave.
 */
public final class EmulatedHosts {
    private final HostSet set;
    private final Commands commands;
    private final Progress progress;

    public EmulatedHosts(HostSet set, Commands commands, Progress progress) {
        this.set = set;
        this.commands = commands;
        this.progress = progress;
    }

    /**
     * The outside stand-in's HTTP address of the emulated set whose inventory this is (it lies
     * beside the set's state), or empty when the inventory is not an emulated set's.
     */
    public static Optional<String> outsideOf(Path inventory) {
        return SetState.read(inventory.toAbsolutePath().resolveSibling("set.json")).map(state -> state.underlay().outside());
    }

    /**
     * For an emulated host whose underlay MTU a lab step lowered: this machine's route to the host
     * gets that MTU too (or, with none, loses it again), so the controller's own SSH to it keeps to
     * what the host takes, as it would over a real link whose MTU was lowered at both ends. The
     * kit's bridge is left alone: other hosts still send it full-size frames, which it drops.
     * Returns whether the inventory is an emulated host set's.
     */
    public static boolean limitPath(Path inventory, String address, OptionalInt mtu) {
        Path dir = inventory.toAbsolutePath().getParent();
        if (!Files.exists(dir.resolve("set.json"))) {
            return false;
        }
        String bridge = new HostSet(dir.getParent(), dir.getFileName().toString()).bridge();
        LocalCommands local = new LocalCommands();
        if (mtu.isPresent()) {
            local.must("ip", "route", "replace", address + "/32", "dev", bridge, "mtu", Integer.toString(mtu.getAsInt()));
        } else {
            local.run("ip", "route", "del", address + "/32", "dev", bridge); // gone already is as good
        }
        return true;
    }

    /** The emulated set a host belongs to, where its key lies in an emulated set's folder of this machine. */
    private static Optional<HostSet> setOf(InventoryHost host) {
        Path dir = host.identityFile().toAbsolutePath().getParent();
        if (dir == null || dir.getParent() == null || !Files.exists(dir.resolve("set.json"))) {
            return Optional.empty();
        }
        HostSet set = new HostSet(dir.getParent(), dir.getFileName().toString());
        return Files.isDirectory(set.paths(host.name()).dir()) ? Optional.of(set) : Optional.empty();
    }

    /** Whether the host is one of this machine's emulated hosts (a real host's daemon is its owner's to restart). */
    public static boolean emulated(InventoryHost host) {
        return setOf(host).isPresent();
    }

    /** Restarts the dockerd of one of this machine's emulated hosts in place (see {@link DockerdRestart}). */
    public static void restartDockerd(InventoryHost host) {
        HostSet set = setOf(host).orElseThrow(() -> new SwarmlabException(host.name() + " is no emulated host of this machine",
                "restart its dockerd by hand"));
        new DockerdRestart(set, new LocalCommands()).restart(host.name());
    }

    public HostSet set() {
        return set;
    }

    /** The outcome of `up`: every host of the set afterwards, and what this call changed. */
    public record UpResult(List<HostStatus> hosts, List<String> started, List<String> repaired, Path inventory) {
    }

    /**
     * Makes sure hosts h1..hN run. Running hosts are left alone, broken ones are restarted with
     * their keys and data, missing ones are created, in parallel. If any fails, the hosts this
     * call made are removed again and the error carries their log tails.
     */
    public UpResult up(int count, Optional<Subnet> requestedSubnet, Duration timeout, SuiteChoice suites) {
        if (count < 1) {
            throw new SwarmlabException("--count must be at least 1, not " + count);
        }
        suites.requireWithin(count);
        Prerequisites.requireRoot();
        Tools tools = Tools.find();
        Prerequisites prerequisites = new Prerequisites(commands);
        prerequisites.requireNamespaces();
        Cgroups cgroups = Cgroups.find();
        return locked(() -> {
            Optional<SetState> existing = SetState.read(set.stateFile());
            Underlay underlay = underlay(existing, requestedSubnet);
            underlay.checkRoomFor(count);
            if (existing.isEmpty()) {
                prerequisites.requireVxlan(set);
                prerequisites.requireFreeSubnet(underlay.subnet(), set.bridge());
            }
            List<HostStatus> before = inspect(underlay);
            List<String> toStart = new ArrayList<>();
            List<String> toRepair = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String host = HostSet.hostName(i);
                Optional<HostStatus> status = before.stream().filter(s -> s.name().equals(host)).findFirst();
                if (status.isEmpty() || status.get().state() == HostState.ORPHAN) {
                    toStart.add(host);
                } else if (!status.get().running()) {
                    toRepair.add(host);
                    progress.step(host, status.get().state().label() + " (" + String.join("; ", status.get().problems()) + "): restarting it");
                } else {
                    progress.step(host, "already running");
                }
            }
            HostRoots.requireKept(before, suites);
            if (toStart.isEmpty() && toRepair.isEmpty()) {
                writeAccessFiles(before);
                List<HostStatus> provisioned = withEngines(before, suites, List.of(), new HostReaper(set, cgroups, commands), underlay);
                new OutsideHost(set, commands, progress).ensure(underlay);
                repairLeftovers(provisioned);
                return new UpResult(provisioned, List.of(), List.of(), set.inventory());
            }
            Map<String, Optional<SuiteTree>> trees = new HostRoots(set, commands, progress).forLaunch(toStart, toRepair, suites);
            createSet(existing, underlay);
            HostReaper reaper = new HostReaper(set, cgroups, commands);
            HostLauncher launcher = new HostLauncher(set, underlay, tools, cgroups, commands, progress, HostRoots.machineIptables(commands));
            List<String> touched = Stream.concat(toStart.stream(), toRepair.stream()).sorted(byIndex()).toList();
            // A crash may have left a namespace or processes behind: clear them before launching.
            parallel(touched, host -> {
                reaper.reap(host, toRepair.contains(host));
                return host;
            });
            List<Parallel.Outcome<String, HostStatus>> launched = parallel(touched, host -> launcher.launch(index(host), timeout, trees.get(host)));
            List<Parallel.Outcome<String, HostStatus>> failed = launched.stream().filter(o -> !o.ok()).toList();
            if (!failed.isEmpty()) {
                parallel(touched, host -> {
                    reaper.reap(host, toRepair.contains(host));
                    return host;
                });
                List<HostStatus> after = inspect(underlay);
                if (after.isEmpty()) {
                    new OutsideHost(set, commands, progress).remove();
                    removeSet(cgroups);
                } else {
                    writeAccessFiles(after);
                }
                throw Parallel.combine(failed, "hosts");
            }
            // Hosts left alone keep the status just read; launched ones report their own.
            List<HostStatus> after = Stream.concat(
                            before.stream().filter(status -> !touched.contains(status.name())),
                            launched.stream().map(Parallel.Outcome::value))
                    .sorted(Comparator.comparing(HostStatus::name, byIndex())).toList();
            writeAccessFiles(after);
            after = withEngines(after, suites, toStart, reaper, underlay);
            new OutsideHost(set, commands, progress).ensure(underlay);
            repairLeftovers(after);
            return new UpResult(after, toStart, toRepair, set.inventory());
        });
    }

    /**
     * Suite hosts get their engine by provisioning (unless --bare): the ones just started, and running
     * ones the option names that have none yet. A new host whose provisioning failed is removed again.
     */
    private List<HostStatus> withEngines(List<HostStatus> hosts, SuiteChoice suites, List<String> started, HostReaper reaper, Underlay underlay) {
        if (suites.bare()) {
            return hosts;
        }
        HostEngines engines = new HostEngines(set, commands, progress);
        List<HostStatus> needing = engines.withoutEngine(hosts).stream().filter(h -> suites.names(h.name())).toList();
        if (needing.isEmpty()) {
            return hosts;
        }
        List<Parallel.Outcome<String, Provisioner.Outcome>> failed = engines.provision(needing, suites.engines()).stream()
                .filter(o -> !o.ok()).toList();
        if (!failed.isEmpty()) {
            parallel(failed.stream().map(Parallel.Outcome::key).filter(started::contains).toList(), host -> {
                reaper.reap(host, false);
                return host;
            });
            writeAccessFiles(inspect(underlay));
            throw Parallel.combine(failed, "hosts' engines");
        }
        return inspect(underlay).stream().filter(h -> hosts.stream().anyMatch(o -> o.name().equals(h.name()))).toList();
    }

    /** What labs left on the running hosts that would spoil the next one (stale endpoints, an orphaned docker_gwbridge, cut chains). */
    private void repairLeftovers(List<HostStatus> hosts) {
        HostRepair repair = new HostRepair(set, commands);
        parallel(hosts.stream().filter(HostStatus::running).map(HostStatus::name).toList(), host -> {
            String address = hosts.stream().filter(h -> h.name().equals(host)).findFirst().map(HostStatus::address).orElse("");
            repair.repair(host, address).forEach(line -> progress.step(host, "repaired: " + line));
            return host;
        });
    }

    /** Every host of the set with its state, including leftovers of a crashed run. */
    public List<HostStatus> list() {
        Optional<SetState> state = SetState.read(set.stateFile());
        if (state.isEmpty() && leftoverNamespaces().isEmpty()) {
            return List.of();
        }
        return inspect(state.map(SetState::underlay).orElse(new Underlay(Subnet.parse(Underlay.DEFAULT_SUBNET))));
    }

    /** The outcome of `down`: the hosts removed, and whether anything was there at all. */
    public record DownResult(List<String> removedHosts, boolean removedAnything) {
    }

    /** Removes every host, namespace, veth, process, cgroup, mount, bridge, rule and file of the set. */
    public DownResult down() {
        Prerequisites.requireRoot();
        Cgroups cgroups = Cgroups.find();
        DownResult result = locked(() -> {
            List<String> hosts = Stream.concat(recordedHosts().stream(), leftoverNamespaces().stream())
                    .distinct().sorted(byIndex()).toList();
            boolean anything = !hosts.isEmpty() || Files.exists(set.dir()) || new LabBridge(set, commands).exists()
                    || new LabBridge(set, commands).ruleExists();
            HostReaper reaper = new HostReaper(set, cgroups, commands);
            List<Parallel.Outcome<String, String>> removed = parallel(hosts, host -> {
                progress.step(host, "stopping dockerd and sshd, removing namespace " + set.netns(host));
                reaper.reap(host, false);
                progress.step(host, "removed");
                return host;
            });
            List<Parallel.Outcome<String, String>> failed = removed.stream().filter(o -> !o.ok()).toList();
            if (!failed.isEmpty()) {
                throw Parallel.combine(failed, "hosts");
            }
            new OutsideHost(set, commands, progress).remove();
            removeSet(cgroups);
            return new DownResult(hosts, anything);
        });
        removeHomeIfEmpty();
        return result;
    }

    /** The lock file goes last, once the lock is released; the home folder too if nothing else is in it. */
    private void removeHomeIfEmpty() {
        try {
            Files.deleteIfExists(set.lockFile());
            try (Stream<Path> left = Files.list(set.home())) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(set.home());
                }
            }
        } catch (IOException e) {
            // another set's files or a concurrent command: leave the folder
        }
    }

    private Underlay underlay(Optional<SetState> existing, Optional<Subnet> requested) {
        if (existing.isPresent()) {
            Underlay current = existing.get().underlay();
            if (requested.isPresent() && !requested.get().equals(current.subnet())) {
                throw new SwarmlabException("these hosts already run on underlay " + current.subnet() + ", not " + requested.get(),
                        "run `swarmlab hosts down` first to change the subnet, or use another --prefix", List.of(), null);
            }
            return current;
        }
        return new Underlay(requested.orElse(Subnet.parse(Underlay.DEFAULT_SUBNET)));
    }

    private void createSet(Optional<SetState> existing, Underlay underlay) {
        try {
            Files.createDirectories(set.hostsDir());
            Files.setPosixFilePermissions(set.dir(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new SwarmlabException("cannot create " + set.dir() + ": " + e.getMessage(), e);
        }
        if (existing.isEmpty()) {
            new SetState(underlay.subnet().toString()).write(set.stateFile());
        }
        if (!Files.exists(set.identity())) {
            commands.must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "swarmlab@" + set.prefix(), "-f", set.identity().toString());
        }
        new LabBridge(set, commands).ensure(underlay);
    }

    private void removeSet(Cgroups cgroups) {
        new LabBridge(set, commands).remove();
        cgroups.remove(set.cgroup());
        cgroups.removeIfUnused("swarmlab");
        Trees.delete(set.dir());
    }

    private List<HostStatus> inspect(Underlay underlay) {
        List<String> hosts = Stream.concat(recordedHosts().stream(), leftoverNamespaces().stream())
                .distinct().sorted(byIndex()).toList();
        HostInspector inspector = new HostInspector(set, underlay, HostRoots.machineIptables(commands));
        return parallel(hosts, inspector::inspect).stream().map(Parallel.Outcome::orThrow).toList();
    }

    private List<String> recordedHosts() {
        if (!Files.isDirectory(set.hostsDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(set.hostsDir())) {
            return dirs.map(p -> p.getFileName().toString()).filter(name -> name.matches("h\\d+")).toList();
        } catch (IOException e) {
            throw new SwarmlabException("cannot list " + set.hostsDir() + ": " + e.getMessage(), e);
        }
    }

    /** Host names of namespaces that carry the set's prefix (present after a crash even without files). */
    private List<String> leftoverNamespaces() {
        Path netns = Path.of("/run/netns");
        if (!Files.isDirectory(netns)) {
            return List.of();
        }
        try (Stream<Path> names = Files.list(netns)) {
            return names.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(set.netnsPrefix()) && name.substring(set.prefix().length() + 1).matches("h\\d+"))
                    .map(name -> name.substring(set.prefix().length() + 1))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void writeAccessFiles(List<HostStatus> hosts) {
        List<HostStatus> running = hosts.stream().filter(HostStatus::running).toList();
        StringBuilder knownHosts = new StringBuilder();
        List<InventoryHost> entries = new ArrayList<>();
        for (HostStatus host : running) {
            try {
                String[] key = Files.readString(set.paths(host.name()).hostPublicKey()).trim().split("\\s+");
                knownHosts.append(host.address()).append(' ').append(key[0]).append(' ').append(key[1]).append('\n');
            } catch (IOException e) {
                throw new SwarmlabException(host.name() + ": cannot read its host key: " + e.getMessage(), e);
            }
            entries.add(new InventoryHost(host.name(), host.address(), 22, InventoryHost.DEFAULT_USER, set.identity(), set.knownHosts()));
        }
        try {
            Files.writeString(set.knownHosts(), knownHosts.toString());
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + set.knownHosts() + ": " + e.getMessage(), e);
        }
        InventoryFile.write(set.inventory(), entries, "swarmlab inventory of the emulated hosts '" + set.prefix()
                + "' (written by `swarmlab hosts up`)\nthe same format describes real machines: see the README");
    }

    /** How long a command waits for another one changing the same hosts (bringing up 12 hosts takes well under a minute). */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private <T> T locked(Supplier<T> work) {
        try {
            Files.createDirectories(set.home());
            Files.setPosixFilePermissions(set.home(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new SwarmlabException("cannot create " + set.home() + ": " + e.getMessage(), e);
        }
        return WaitingLock.around(set.lockFile(), LOCK_WAIT, "changing the hosts '" + set.prefix() + "'", progress, work);
    }

    /** Per-host work on a bounded pool; hosts have their own deadlines (launch timeout, stop deadlines), so this one only bounds a hang. */
    private static <T> List<Parallel.Outcome<String, T>> parallel(List<String> hosts, Function<String, T> work) {
        return Parallel.each(hosts, Deadline.in(Duration.ofMinutes(10), "the hosts' work to finish"), work);
    }

    static int index(String host) {
        return Integer.parseInt(host.substring(1));
    }

    private static Comparator<String> byIndex() {
        return Comparator.comparingInt(EmulatedHosts::index);
    }

}
