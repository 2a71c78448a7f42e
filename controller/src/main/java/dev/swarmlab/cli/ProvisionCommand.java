package dev.swarmlab.cli;

import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.Parallel;
import dev.swarmlab.emulated.HostSet;
import dev.swarmlab.emulated.SuiteTrees;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.provision.EngineAsk;
import dev.swarmlab.provision.Provisioner;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.Ssh;
import dev.swarmlab.ssh.SshSession;
import dev.swarmlab.system.LocalCommands;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `swarmlab provision`: make every host of an inventory a ready Docker host over SSH (or undo it). */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Make each host of the inventory a ready Docker host over SSH, in parallel: Debian 12 or 13 (or sid), Ubuntu 22.04 or 24.04, "
                + "as root or a user with passwordless sudo.",
                "Installs docker.io with containerd, runc and iptables from the host's own archive (a host that reaches no mirror gets them "
                        + "copied from this machine), writes /etc/docker/daemon.json (labelled dev.swarmlab.provisioned) with the settings a lab "
                        + "needs, enables and starts dockerd (systemd, or the emulated kit's manager), and checks the swarm ports "
                        + "(2377/tcp, 7946/tcp+udp, 4789/udp) against ufw, firewalld or nftables.",
                "Each step checks before it changes: a second run changes nothing and says so; a run after a failure completes it. "
                        + "Every step is journalled on the host in /var/lib/swarmlab-provision/journal."})
final class ProvisionCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE",
            description = "The hosts to provision (default: the emulated hosts' inventory, ${env:SWARMLAB_HOME:-/var/lib/swarmlab}/sl/inventory.yaml).")
    Path inventory;

    @Option(names = "--engine", paramLabel = "VERSION|SUITE|HOST=VERSION,...",
            description = {"The engine to install: a Docker version the host's archive has (28.5, 26.1.5), the suite whose engine to take "
                    + "(sid: only on a host of that suite), for all hosts or per host (h1=20.10,h2=28.5).",
                    "Default: an installed docker.io stays; otherwise the archive's newest. A version the archive lacks is refused, naming what it has."})
    String engine;

    @Option(names = "--undo", description = "Remove what provisioning installed and wrote (packages that were there before stay; Docker's data in /var/lib/docker stays).")
    boolean undo;

    @Option(names = "--copy-packages",
            description = "Fetch the packages on this machine and copy them over SSH even where the host could reach its mirror (air-gapped labs: this is what happens anyway when it cannot).")
    boolean copyPackages;

    @Option(names = "--trust-new-host-keys",
            description = "Record the key of a host that is not yet in known_hosts (trust on first use). A changed key is always refused.")
    boolean trustNewHostKeys;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "How long all hosts may take together (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        Path file = Optional.ofNullable(inventory).orElseGet(() -> new HostSet(home(), HostSet.DEFAULT_PREFIX).inventory());
        Inventory hosts = InventoryFile.read(file);
        EngineAsk ask = EngineAsk.parse(engine);
        Progress progress = Console.progress(out);
        Provisioner provisioner = new Provisioner(new LocalCommands(), SuiteTrees.cacheRoot().resolve("provision"), progress, copyPackages);
        Ssh.Options options = new Ssh.Options(Ssh.CONNECT_DEADLINE, trustNewHostKeys, notice -> progress.step("-", notice));
        List<String> names = hosts.hosts().stream().map(InventoryHost::name).toList();
        List<Parallel.Outcome<String, Provisioner.Outcome>> outcomes = Parallel.each(names,
                Deadline.in(Duration.ofSeconds(timeoutSeconds), (undo ? "undoing the provisioning of" : "provisioning") + " every host of " + file),
                name -> {
                    InventoryHost host = hosts.hosts().get(names.indexOf(name));
                    try (SshSession ssh = Ssh.connect(host, options)) {
                        return undo ? provisioner.undo(name, ssh) : provisioner.provision(name, ssh, ask);
                    }
                });
        out.println();
        Table table = new Table("HOST", "SYSTEM", "DOCKER", "CHANGES", "FIREWALL");
        for (Parallel.Outcome<String, Provisioner.Outcome> outcome : outcomes) {
            if (outcome.ok()) {
                Provisioner.Outcome o = outcome.value();
                table.row(o.host(), o.system(), o.engine().isEmpty() ? "-" : o.engine(),
                        o.changedNothing() ? "nothing changed" : String.join("; ", o.changes()), o.firewall());
            } else {
                table.row(outcome.key(), "-", "-", "failed (below)", "");
            }
        }
        table.print(out);
        out.println();
        List<Parallel.Outcome<String, Provisioner.Outcome>> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        long unchanged = outcomes.stream().filter(Parallel.Outcome::ok).filter(o -> o.value().changedNothing()).count();
        if (!failed.isEmpty()) {
            out.flush();
            throw Parallel.combine(failed, undo ? "hosts to undo" : "hosts to provision");
        }
        out.println((undo ? "undone on " : "provisioned ") + outcomes.size() + " host" + (outcomes.size() == 1 ? "" : "s") + " in " + Durations.since(start)
                + (unchanged == outcomes.size() ? ": nothing changed" : unchanged > 0 ? " (" + unchanged + " unchanged)" : ""));
        outcomes.stream().map(Parallel.Outcome::value).filter(Provisioner.Outcome::firewallBlocks)
                .forEach(o -> out.println("open the swarm ports on " + o.host() + ": " + o.firewall()));
        out.flush();
        return 0;
    }

    private static Path home() {
        return Path.of(Optional.ofNullable(System.getenv("SWARMLAB_HOME")).filter(s -> !s.isBlank()).orElse("/var/lib/swarmlab"));
    }


}
