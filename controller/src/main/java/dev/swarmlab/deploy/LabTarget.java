package dev.swarmlab.deploy;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.emulated.HostSet;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabHosts;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.Ssh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Which machines a lab runs on: the --inventory given, else what the lab's `hosts` says. */
public final class LabTarget {
    private LabTarget() {
    }

    /** Reaches the lab's hosts over SSH, each within the connect timeout; the ones not reached are listed in the result. */
    public static Connections connect(Lab lab, Optional<Path> inventory, boolean trustNewHostKeys, Duration connectTimeout,
                                      Progress progress) {
        Inventory hosts = hosts(lab, inventory, emulatedHosts());
        progress.step("-", "connecting to " + hosts.hosts().size() + " hosts over SSH (" + hosts.source() + ")");
        Ssh.Options options = new Ssh.Options(connectTimeout, trustNewHostKeys, notice -> progress.step("-", notice));
        return Connections.open(hosts, Connections.overSsh(options), progress, connectTimeout.plusSeconds(50));
    }

    /** The emulated hosts' set: $SWARMLAB_HOME, or the default. */
    public static HostSet emulatedHosts() {
        return new HostSet(Path.of(System.getenv().getOrDefault("SWARMLAB_HOME", HostSet.DEFAULT_HOME.toString())), HostSet.DEFAULT_PREFIX);
    }

    /** The names of the lab's hosts: h1..hN for emulated ones (known without their being up), else the inventory's. */
    public static List<String> hostNames(Lab lab, Optional<Path> inventory) {
        if (inventory.isEmpty() && lab.hosts() instanceof LabHosts.Local local) {
            return IntStream.rangeClosed(1, local.count()).mapToObj(i -> "h" + i).toList();
        }
        return hosts(lab, inventory, emulatedHosts()).hosts().stream().map(InventoryHost::name).toList();
    }

    public static Inventory hosts(Lab lab, Optional<Path> inventoryOption, HostSet emulated) {
        if (inventoryOption.isPresent()) {
            return checked(lab, InventoryFile.read(inventoryOption.get()));
        }
        if (lab.hosts() instanceof LabHosts.FromInventory from) {
            return checked(lab, InventoryFile.read(from.file()));
        }
        if (lab.hosts() instanceof LabHosts.Inline inline) {
            return new Inventory(lab.file(), inline.hosts());
        }
        return emulated(lab, ((LabHosts.Local) lab.hosts()).count(), emulated);
    }

    private static Inventory emulated(Lab lab, int count, HostSet set) {
        if (!Files.exists(set.inventory())) {
            throw new SwarmlabException("lab '" + lab.name() + "' runs on " + count + " emulated hosts (hosts: local:" + count
                    + "), and none are up", "start them: swarmlab hosts up --count " + count, List.of(), null);
        }
        Inventory inventory = InventoryFile.read(set.inventory());
        List<InventoryHost> wanted = inventory.hosts().stream().filter(h -> h.name().matches("h\\d+")
                && Integer.parseInt(h.name().substring(1)) <= count).toList();
        if (wanted.size() < count) {
            throw new SwarmlabException("lab '" + lab.name() + "' needs " + count + " emulated hosts; " + wanted.size() + " are up",
                    "start the rest: swarmlab hosts up --count " + count, List.of(), null);
        }
        return new Inventory(set.inventory(), wanted);
    }

    /** Every host the lab names (managers, containers' hosts) must be in the inventory used. */
    private static Inventory checked(Lab lab, Inventory inventory) {
        List<String> names = inventory.hosts().stream().map(InventoryHost::name).toList();
        List<String> missing = lab.swarm().map(s -> s.managers().stream().filter(m -> !names.contains(m)).toList()).orElse(List.of());
        List<String> workloadHosts = lab.workloads().stream().flatMap(w -> w.host().stream()).filter(h -> !names.contains(h)).distinct().toList();
        if (!missing.isEmpty() || !workloadHosts.isEmpty()) {
            throw new SwarmlabException("inventory " + inventory.source() + " lacks host(s) the lab names: "
                    + String.join(", ", Stream.concat(missing.stream(), workloadHosts.stream()).distinct().toList())
                    + "; it has " + String.join(", ", names), "use an inventory with those host names", List.of(), null);
        }
        return inventory;
    }
}
