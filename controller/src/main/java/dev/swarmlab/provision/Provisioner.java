package dev.swarmlab.provision;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.SshSession;
import dev.swarmlab.system.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes one host a ready Docker host over SSH, step by step, each step checking first and changing
 * only what differs: its system (supported, root or sudo), its engine (docker.io of the version asked,
 * with containerd, runc and iptables, from the host's own archive or copied by the controller), the
 * daemon settings a lab needs (one labelled file), the service (enabled, running, restarted when its
 * settings changed) and a look at the host's firewall. A second run changes nothing and says so; a run
 * after a failure does what the first left undone. {@link #undo} removes what provisioning put there.
 */
public final class Provisioner {
    /** The engine's packages; docker-cli too where the archive ships the CLI apart (from trixie on). */
    static final List<String> ENGINE = List.of("docker.io", "containerd", "runc", "iptables");
    private static final Duration DAEMON = Duration.ofSeconds(90);
    private static final Duration DPKG = Duration.ofMinutes(10);
    /** The host's installed packages just before provisioning installed its own. */
    private static final String BEFORE = Remote.STATE + "/before";
    private static final String AFTER = Remote.STATE + "/after";
    private final Commands commands;
    private final Path cache;
    private final Progress progress;
    private final boolean copyPackages;

    /** cache: where the controller keeps the package lists and downloads of hosts it copies packages to; copyPackages: never use the host's mirror. */
    public Provisioner(Commands commands, Path cache, Progress progress, boolean copyPackages) {
        this.commands = commands;
        this.cache = cache;
        this.progress = progress;
        this.copyPackages = copyPackages;
    }

    /** What provisioning found and did on one host. */
    public record Outcome(String host, String system, String engine, List<String> changes, String firewall) {
        public Outcome {
            changes = List.copyOf(changes);
        }

        public boolean changedNothing() {
            return changes.isEmpty();
        }

        public boolean firewallBlocks() {
            return FirewallCheck.blocks(firewall);
        }
    }

    public Outcome provision(String host, SshSession ssh, EngineAsk ask) {
        Remote remote = new Remote(host, ssh, progress);
        HostOs os = system(remote);
        ServiceManager service = ServiceManager.of(remote);
        List<String> changes = new ArrayList<>();
        Map<String, String> installed = installed(remote);
        boolean packages = packages(remote, os, ask, installed, changes);
        boolean settings = settings(remote, changes);
        String engine = service(remote, service, packages || settings, changes);
        String firewall = FirewallCheck.check(remote);
        remote.step("firewall: " + firewall);
        if (changes.isEmpty()) {
            remote.step("nothing changed: Docker " + engine + " runs, its settings as provisioned");
        } else {
            remote.journal("provisioned: " + String.join("; ", changes));
        }
        return new Outcome(host, os.pretty(), engine, changes, firewall);
    }

    private static HostOs system(Remote remote) {
        HostOs os = HostOs.parse(remote.must("reading its system", "cat /etc/os-release", Remote.SHORT, "check that the host has /etc/os-release"));
        os.requireSupported(remote.host());
        remote.requireRoot();
        remote.step(os.pretty());
        return os;
    }

    /** Installed packages among the engine's, with their versions. */
    private static Map<String, String> installed(Remote remote) {
        Map<String, String> versions = new LinkedHashMap<>();
        remote.run("dpkg-query -W -f '${db:Status-Abbrev} ${Package} ${Version}\\n' " + String.join(" ", ENGINE) + " docker-cli 2>/dev/null", Remote.SHORT)
                .stdout().lines().map(line -> line.split(" +")).filter(parts -> parts.length == 3 && parts[0].equals("ii"))
                .forEach(parts -> versions.put(parts[1], parts[2]));
        return versions;
    }

    private boolean packages(Remote remote, HostOs os, EngineAsk ask, Map<String, String> installed, List<String> changes) {
        if (recordInstalled(remote) > 0) {
            remote.step("recorded the packages a run cut short had installed");
        }
        String current = installed.getOrDefault("docker.io", "");
        boolean complete = installed.keySet().containsAll(ENGINE);
        if (complete && ask.forHost(remote.host()).isEmpty()) {
            remote.step("docker.io " + current + " is installed (nothing asked with --engine: it stays)");
            return false;
        }
        if (complete && ask.forHost(remote.host()).filter(v -> v.matches("[0-9.]+") && EngineAsk.upstream(current).startsWith(v)).isPresent()) {
            remote.step("docker.io " + current + " is installed, as asked");
            return false;
        }
        PackageSource source = copyPackages ? copied(remote) : HostMirror.reached(remote).orElseGet(() -> copied(remote));
        String version = ask.choose(remote.host(), os, source.versions("docker.io"));
        if (complete && version.equals(current)) {
            remote.step("docker.io " + current + " is installed, as asked");
            return false;
        }
        List<String> wanted = new ArrayList<>(List.of("docker.io=" + version));
        ENGINE.stream().skip(1).filter(pkg -> !installed.containsKey(pkg)).forEach(wanted::add);
        if (source.versions("docker-cli").contains(version)) {
            wanted.add("docker-cli=" + version);
        }
        remote.step("installing " + String.join(" ", wanted) + " " + source.how()
                + (current.isEmpty() ? "" : " (docker.io " + current + " before)"));
        remote.journal("packages: installing " + String.join(" ", wanted));
        remote.must("noting its packages before", "mkdir -p " + Remote.STATE + " && [ -e " + BEFORE + " ] || dpkg-query -W -f '${db:Status-Abbrev} ${Package}\\n'"
                + " | awk '$1 == \"ii\" {print $2}' > " + BEFORE, Remote.SHORT, "check the host's disk");
        remote.run("dpkg --configure -a", DPKG); // what a run cut short left unconfigured
        source.install(wanted);
        int added = recordInstalled(remote);
        changes.add("installed docker.io " + version + " (" + added + " new packages, " + source.how() + ")");
        return true;
    }

    private CopiedPackages copied(Remote remote) {
        return CopiedPackages.prepare(remote, commands, cache.resolve(remote.host().replaceAll("[^A-Za-z0-9_.-]", "_")));
    }

    /**
     * Adds the packages installed since the list taken before installing to what `--undo` removes, and drops
     * that list. A run cut short after installing leaves the list, and the next run records them first.
     */
    private static int recordInstalled(Remote remote) {
        String installedNow = "dpkg-query -W -f '${db:Status-Abbrev} ${Package}\\n' | awk '$1 == \"ii\" {print $2}' | sort";
        String added = remote.must("recording what it installed", "set -e; [ -e " + BEFORE + " ] || exit 0; " + installedNow + " > " + AFTER + "; sort " + BEFORE
                + " | comm -13 - " + AFTER + " | tee -a " + Remote.INSTALLED + "; rm -f " + BEFORE + " " + AFTER, Remote.SHORT, "check the host's disk");
        return (int) added.lines().filter(line -> !line.isBlank()).count();
    }

    private static boolean settings(Remote remote, List<String> changes) {
        var found = remote.run("cat " + DaemonSettings.FILE, Remote.SHORT);
        if (found.ok() && found.stdout().equals(DaemonSettings.TEXT)) {
            remote.step(DaemonSettings.FILE + " as provisioned");
            return false;
        }
        if (found.ok() && !found.stdout().isBlank() && !DaemonSettings.ours(found.stdout())) {
            throw new SwarmlabException(remote.host() + ": has a " + DaemonSettings.FILE + " of its own; provisioning writes that file and will not overwrite it",
                    "move it aside (mv " + DaemonSettings.FILE + " " + DaemonSettings.FILE + ".mine) and run provision again; "
                            + "its settings are then yours to merge into the one provisioning writes",
                    found.stdout().strip().lines().limit(10).toList(), null);
        }
        remote.must("writing the daemon settings", "mkdir -p /etc/docker && printf '%s' " + Remote.quote(DaemonSettings.TEXT) + " > " + DaemonSettings.FILE,
                Remote.SHORT, "check that /etc/docker is writable");
        remote.journal("settings: wrote " + DaemonSettings.FILE);
        remote.step("wrote " + DaemonSettings.FILE + " (labels " + DaemonSettings.LABEL + ", live-restore off, iptables and ip-forward on)");
        changes.add("wrote " + DaemonSettings.FILE);
        return true;
    }

    /** Enables and starts dockerd (restarting it when its packages or settings changed), and waits until it answers. */
    private static String service(Remote remote, ServiceManager service, boolean restart, List<String> changes) {
        String remedy = "read the output above and the daemon's log (journalctl -u docker, or the emulated host's dockerd.log), then run provision again";
        if (!remote.run(service.command("is-enabled"), Remote.SHORT).ok()) {
            remote.must("enabling dockerd", service.command("enable"), Remote.SHORT, remedy);
            changes.add("enabled dockerd (" + service.label() + ")");
        }
        if (!remote.run(service.command("is-active"), Remote.SHORT).ok()) {
            remote.step("starting dockerd with " + service.label());
            remote.must("starting dockerd", service.command("start"), DAEMON, remedy);
            changes.add("started dockerd");
        } else if (restart) {
            remote.step("restarting dockerd with " + service.label() + " for its new packages or settings");
            remote.must("restarting dockerd", service.command("restart"), DAEMON, remedy);
            changes.add("restarted dockerd");
        }
        String version = remote.must("waiting for dockerd to answer", "i=0; until docker version --format '{{.Server.Version}}' 2>/dev/null; do"
                + " i=$((i+1)); [ $i -lt 60 ] || { docker version; exit 1; }; sleep 1; done", DAEMON, remedy).strip();
        remote.step("Docker " + version + " answers");
        if (!changes.isEmpty()) {
            remote.journal("service: Docker " + version + " runs");
        }
        return version;
    }

    /** Removes what provisioning installed and wrote (packages that were there before stay), and its journal. */
    public Outcome undo(String host, SshSession ssh) {
        Remote remote = new Remote(host, ssh, progress);
        HostOs os = system(remote);
        ServiceManager service = ServiceManager.of(remote);
        List<String> changes = new ArrayList<>();
        List<String> added = remote.run("cat " + Remote.INSTALLED, Remote.SHORT).stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
        var settings = remote.run("cat " + DaemonSettings.FILE, Remote.SHORT);
        boolean ours = settings.ok() && DaemonSettings.ours(settings.stdout());
        if (added.contains("docker.io")) {
            remote.run(service.command("stop"), DAEMON);
            remote.run(service.command("disable"), Remote.SHORT);
            changes.add("dockerd stopped and disabled");
        }
        if (ours) {
            remote.must("removing the daemon settings", "rm -f " + DaemonSettings.FILE, Remote.SHORT, "check /etc/docker");
            changes.add(DaemonSettings.FILE + " removed");
        }
        if (!added.isEmpty()) {
            remote.step("removing " + added.size() + " packages provisioning installed");
            remote.must("removing its packages", "DEBIAN_FRONTEND=noninteractive apt-get purge -y -q " + String.join(" ", added), Duration.ofMinutes(10),
                    "read the output above, then run provision --undo again");
            changes.add(added.size() + " packages removed (" + String.join(" ", added) + ")");
        } else if (ours && remote.run(service.command("is-active"), Remote.SHORT).ok()) {
            remote.must("restarting dockerd", service.command("restart"), DAEMON, "read the output above");
            changes.add("dockerd restarted without provisioning's settings");
        }
        remote.run("rm -rf " + Remote.STATE + " " + CopiedPackages.HOST_DEBS, Remote.SHORT);
        remote.step(changes.isEmpty() ? "nothing to undo: provisioning left nothing here" : "undone: " + String.join("; ", changes));
        return new Outcome(host, os.pretty(), "", changes, "");
    }
}
