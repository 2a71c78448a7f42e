package dev.swarmlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.HostLogs;
import dev.swarmlab.Trees;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.ssh.Ssh;
import dev.swarmlab.ssh.SshSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lab deployed over SSH on three real emulated hosts: a swarm of three Ready nodes, an overlay
 * that carries traffic between containers on different hosts, a bridge on every host; a second
 * deploy that changes nothing; host keys that are unknown or changed refused; an unreachable host
 * reported within its deadline; and a destroy that leaves no labelled resource and no swarm.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {
    private static final String PREFIX = "sldep";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it-deploy");
    @RegisterExtension
    static final HostLogs LOGS = new HostLogs(PREFIX, HOME);
    private static final Path LAB = Path.of("src/test/resources/deploy-it.yaml").toAbsolutePath();
    private static final Path INVENTORY = HOME.resolve(PREFIX).resolve("inventory.yaml");
    private static final String IMAGE = "swarmlab-it/busybox:1";

    static CliRun swarmlab(String... args) {
        return CliRun.of(args);
    }

    static CliRun hosts(String... args) {
        List<String> all = new ArrayList<>(List.of("hosts"));
        all.addAll(List.of(args));
        all.addAll(List.of("--prefix", PREFIX, "--home", HOME.toString()));
        return swarmlab(all.toArray(String[]::new));
    }

    @BeforeAll
    static void hostsUp() {
        hosts("down");
        CliRun up = hosts("up", "--count", "3", "--subnet", "10.254.0.0/24");
        assertEquals(0, up.exit(), up.all());
    }

    @AfterAll
    static void hostsDown() throws IOException {
        swarmlab("destroy", LAB.toString(), "--inventory", INVENTORY.toString());
        try (var files = Files.list(HOME)) {
            files.filter(p -> !p.getFileName().toString().startsWith(PREFIX)).forEach(Trees::delete);
        }
        hosts("down");
    }

    @Test
    @Order(1)
    void deployMakesASwarmOfThreeReadyNodesAndTheNetworks() throws IOException {
        CliRun deploy = swarmlab("deploy", LAB.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, deploy.exit(), deploy.all());
        assertTrue(deploy.out().contains("deployed lab deploy-it: 7 change(s) to the swarm and networks, 24 to agents and workloads"), deploy.out());

        String nodes = onHost("h1", "docker node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'");
        assertEquals(Set.of("h1 Ready Leader", "h2 Ready", "h3 Ready"),
                new TreeSet<>(nodes.lines().map(String::strip).toList()), nodes);
        for (String host : List.of("h1", "h2", "h3")) {
            String bridge = onHost(host, "docker network inspect it-bridge --format '{{.Driver}} {{(index .IPAM.Config 0).Subnet}} "
                    + "{{index .Labels \"dev.swarmlab.lab\"}}'");
            assertEquals("bridge 10.93.0.0/24 deploy-it", bridge.strip(), host);
        }

        CliRun inspect = swarmlab("inspect", LAB.toString(), "--inventory", INVENTORY.toString(), "--json");
        assertEquals(0, inspect.exit(), inspect.all());
        var report = new ObjectMapper().readTree(inspect.out());
        assertEquals(3, report.path("nodes").size(), inspect.out());
        assertEquals(4, report.path("networks").size(), "it-overlay on h1, it-bridge on each host: " + inspect.out());
        report.path("networks").forEach(row -> assertEquals("ok", row.path("drift").asText(), row.toString()));
    }

    @Test
    @Order(2)
    void theOverlayCarriesTrafficBetweenContainersOnEveryHost() throws IOException {
        Path rootfs = busyboxRootfs();
        for (String host : List.of("h1", "h2", "h3")) {
            onHost(host, "tar -C " + rootfs + " -c . | docker import - " + IMAGE);
            onHost(host, "docker run -d --name it-" + host + " --label dev.swarmlab.lab=deploy-it --network it-overlay "
                    + IMAGE + " /bin/sleep 600");
        }
        for (String from : List.of("h1", "h2", "h3")) {
            for (String to : List.of("h1", "h2", "h3")) {
                if (!from.equals(to)) {
                    String ping = onHost(from, "docker exec it-" + from + " /bin/ping -c 1 -W 3 it-" + to);
                    assertTrue(ping.contains("1 packets received"), from + " -> " + to + ": " + ping);
                }
            }
        }
    }

    /** With stream-local forwarding forbidden on h2, Docker is reached through `docker system dial-stdio` instead. */
    @Test
    @Order(3)
    void aSecondDeployChangesNothingEvenThroughDialStdio() throws Exception {
        Path sshd = HOME.resolve(PREFIX).resolve("hosts/h2/ssh/sshd_config");
        Files.writeString(sshd, Files.readString(sshd).replace("AllowStreamLocalForwarding yes", "AllowStreamLocalForwarding no"));
        long pid = Long.parseLong(Files.readString(HOME.resolve(PREFIX).resolve("hosts/h2/run/sshd.pid")).strip());
        new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start().waitFor();
        Thread.sleep(500);
        CliRun again = swarmlab("deploy", LAB.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().lines().anyMatch(l -> l.startsWith("ssh and docker") && l.contains(" h2 ")
                && l.contains("via docker system dial-stdio")), again.out());
        assertTrue(again.out().contains("plan: no changes"), again.out());
        assertTrue(again.out().contains("nothing to do: lab deploy-it is deployed as written (24 containers running)"), again.out());
    }

    @Test
    @Order(4)
    void unknownAndChangedHostKeysAreRefused() throws IOException {
        Inventory inventory = InventoryFile.read(INVENTORY);
        Path dir = Files.createTempDirectory(HOME, "keys");
        Path empty = dir.resolve("empty_known_hosts");
        Files.writeString(empty, "");
        CliRun unknown = swarmlab("inspect", LAB.toString(), "--inventory", inventoryWith(dir, inventory, empty).toString());
        assertTrue(unknown.all().contains("is not in " + empty + ": refused"), unknown.all());
        assertTrue(unknown.all().contains("--trust-new-host-keys"), unknown.all());

        Path changed = dir.resolve("changed_known_hosts");
        String otherKey = Files.readString(INVENTORY.resolveSibling("id_ed25519.pub")).split("\\s+")[1];
        StringBuilder lines = new StringBuilder();
        for (InventoryHost host : inventory.hosts()) {
            lines.append(host.address()).append(" ssh-ed25519 ").append(otherKey).append('\n');
        }
        Files.writeString(changed, lines);
        CliRun refused = swarmlab("inspect", LAB.toString(), "--inventory", inventoryWith(dir, inventory, changed).toString(),
                "--trust-new-host-keys");
        assertTrue(refused.all().contains("has CHANGED"), refused.all());
        assertEquals(lines.toString(), Files.readString(changed), "a changed key is never overwritten");

        Path fresh = dir.resolve("fresh_known_hosts");
        CliRun trusted = swarmlab("inspect", LAB.toString(), "--inventory", inventoryWith(dir, inventory, fresh).toString(),
                "--trust-new-host-keys");
        assertEquals(0, trusted.exit(), trusted.all());
        assertTrue(trusted.out().contains("trusted on first use"), trusted.out());
        assertEquals(3, Files.readAllLines(fresh).size(), "the three keys were recorded");
    }

    @Test
    @Order(5)
    void anUnreachableHostIsReportedWithinItsDeadlineWhileTheOthersFinish() throws IOException {
        Inventory inventory = InventoryFile.read(INVENTORY);
        List<InventoryHost> hosts = new ArrayList<>(inventory.hosts());
        InventoryHost h1 = hosts.get(0);
        hosts.add(new InventoryHost("h4", "10.254.0.99", 22, "root", h1.identityFile(), h1.knownHostsFile()));
        Path four = Files.createTempDirectory(HOME, "four").resolve("inventory.yaml");
        InventoryFile.write(four, hosts, "three hosts and one that does not exist");
        long start = System.nanoTime();
        CliRun inspect = swarmlab("inspect", LAB.toString(), "--inventory", four.toString(), "--connect-timeout", "3");
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 15, "took " + seconds + " s");
        assertTrue(inspect.out().contains("h4: unreachable"), inspect.all());
        for (String host : List.of("h1", "h2", "h3")) {
            assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith(host + " ") && l.contains("it-bridge") && l.endsWith("ok")),
                    host + " was inspected: " + inspect.out());
        }
    }

    @Test
    @Order(6)
    void destroyLeavesNoLabelledResourceAndNoSwarm() {
        CliRun destroy = swarmlab("destroy", LAB.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, destroy.exit(), destroy.all());
        for (String host : List.of("h1", "h2", "h3")) {
            assertEquals("inactive", onHost(host, "docker info --format '{{.Swarm.LocalNodeState}}'").strip(), host);
            assertEquals("", onHost(host, "docker ps -aq --filter label=dev.swarmlab.lab=deploy-it").strip(), host);
            assertEquals("", onHost(host, "docker network ls -q --filter label=dev.swarmlab.lab=deploy-it").strip(), host);
            assertEquals(Set.of("bridge", "host", "none"),
                    new TreeSet<>(onHost(host, "docker network ls --format '{{.Name}}'").lines().toList()), host);
        }
        CliRun again = swarmlab("destroy", LAB.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("nothing to remove"), again.out());
    }

    private static Path inventoryWith(Path dir, Inventory inventory, Path knownHosts) {
        Path file = dir.resolve(knownHosts.getFileName() + ".yaml");
        InventoryFile.write(file, inventory.hosts().stream().map(h -> new InventoryHost(h.name(), h.address(), h.port(), h.user(),
                h.identityFile(), knownHosts)).toList(), "test inventory");
        return file;
    }

    private static String onHost(String host, String command) {
        try (SshSession ssh = Ssh.connect(InventoryFile.read(INVENTORY).host(host))) {
            return ssh.exec(command, Duration.ofSeconds(60)).orThrow().stdout();
        }
    }

    /** A two-megabyte root filesystem from Debian's busybox-static: no registry needed. */
    private static Path busyboxRootfs() throws IOException {
        Path rootfs = HOME.resolve("busybox-rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
        for (String tool : List.of("sh", "sleep", "ping", "nslookup")) {
            Path link = rootfs.resolve("bin").resolve(tool);
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }
        return rootfs;
    }
}
