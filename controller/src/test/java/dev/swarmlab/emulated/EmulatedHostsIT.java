package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.Deadline;
import dev.swarmlab.Each;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.ssh.Ssh;
import dev.swarmlab.ssh.SshSession;
import dev.swarmlab.system.LocalCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real emulated hosts: three come up, answer over SSH with verified host keys, a fourth is
 * added without touching the others, a killed dockerd is seen and repaired, and `down` leaves
 * nothing of the set on this machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatedHostsIT {
    private static final String PREFIX = "slit";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it");
    private static final String SUBNET = "10.252.0.0/24";
    private static final HostSet SET = new HostSet(HOME, PREFIX);

    static CliRun swarmlab(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--prefix", PREFIX, "--home", HOME.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    @BeforeAll
    static void startClean() {
        CliRun down = swarmlab("hosts", "down");
        assertEquals(0, down.exit(), down.err());
    }

    @AfterAll
    static void tearDown() {
        swarmlab("hosts", "down");
    }

    @Test
    @Order(1)
    void threeHostsComeUpAndEachAnswersOverSshWithItsOwnHostname() {
        CliRun up = swarmlab("hosts", "up", "--count", "3", "--subnet", SUBNET);
        assertEquals(0, up.exit(), up.out() + up.err());
        assertTrue(up.out().contains("inventory: " + SET.inventory()), up.out());

        Inventory inventory = InventoryFile.read(SET.inventory());
        assertEquals(List.of("h1", "h2", "h3"), inventory.hosts().stream().map(InventoryHost::name).toList());
        assertEquals(Set.of("h1", "h2", "h3"), hostnamesOverSsh(inventory));
    }

    @Test
    @Order(2)
    void aHostKeyThatIsNotInKnownHostsIsRefused() throws IOException {
        Path empty = Files.createTempFile(HOME, "known_hosts", "");
        InventoryHost h1 = InventoryFile.read(SET.inventory()).host("h1");
        InventoryHost stranger = new InventoryHost(h1.name(), h1.address(), h1.port(), h1.user(), h1.identityFile(), empty);
        SwarmlabException refused = assertThrows(SwarmlabException.class, () -> Ssh.connect(stranger).close());
        assertTrue(refused.getMessage().contains("is not in " + empty), refused.getMessage());
        Files.delete(empty);
    }

    @Test
    @Order(3)
    void upAgainChangesNothingAndCountFourAddsOne() throws IOException {
        Map<String, Long> before = dockerdPids();
        CliRun again = swarmlab("hosts", "up", "--count", "3");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("nothing to do: 3 hosts are already running"), again.out());

        CliRun four = swarmlab("hosts", "up", "--count", "4");
        assertEquals(0, four.exit(), four.out() + four.err());
        Map<String, Long> after = dockerdPids();
        assertEquals(Set.of("h1", "h2", "h3", "h4"), after.keySet());
        before.forEach((host, pid) -> assertEquals(pid, after.get(host), host + "'s dockerd must not be restarted"));

        Inventory inventory = InventoryFile.read(SET.inventory());
        assertEquals(Set.of("h1", "h2", "h3", "h4"), hostnamesOverSsh(inventory));

        JsonNode listed = new ObjectMapper().readTree(swarmlab("hosts", "ls", "--json").out());
        assertEquals(4, listed.size());
        for (JsonNode host : listed) {
            assertEquals("running", host.path("state").asText(), host.toString());
            assertFalse(host.path("dockerVersion").asText().isEmpty(), host.toString());
            assertEquals(SET.knownHosts().toString(), host.path("knownHostsFile").asText());
        }
    }

    @Test
    @Order(4)
    void aKilledDockerdIsSeenByLsAndRestartedByUp() throws Exception {
        long pid = dockerdPids().get("h2");
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Deadline.in(Duration.ofSeconds(10), "h2's dockerd to die")
                .await(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? null : true, Duration.ofMillis(50));

        JsonNode listed = new ObjectMapper().readTree(swarmlab("hosts", "ls", "--json").out());
        JsonNode h2 = listed.get(1);
        assertEquals("h2", h2.path("name").asText());
        assertEquals("degraded", h2.path("state").asText(), h2.toString());

        CliRun repaired = swarmlab("hosts", "up", "--count", "4");
        assertEquals(0, repaired.exit(), repaired.out() + repaired.err());
        assertTrue(repaired.out().contains("restarted 1"), repaired.out());
        assertEquals(Set.of("h1", "h2", "h3", "h4"), hostnamesOverSsh(InventoryFile.read(SET.inventory())));
    }

    /** What teardown does to a host whose swarm network database outlived its leave: a new dockerd, the same host and session. */
    @Test
    @Order(5)
    void aDockerdRestartedInPlaceKeepsItsSshdItsDataAndTheSessionToIt() throws IOException {
        InventoryHost h3 = InventoryFile.read(SET.inventory()).host("h3");
        assertTrue(EmulatedHosts.emulated(h3));
        assertFalse(EmulatedHosts.emulated(new InventoryHost("h3", h3.address(), 22, "root", Path.of("/root/.ssh/id_ed25519"),
                h3.knownHostsFile())), "a host whose key is not in an emulated set's folder is a real one");
        long dockerd = dockerdPids().get("h3");
        long sshd = HostProbe.process(SET.paths("h3").sshdPidFile(), "sshd").orElseThrow().pid();
        try (SshSession session = Ssh.connect(h3)) {
            session.exec("docker network create kept-over-restart", Duration.ofSeconds(20)).orThrow();
            EmulatedHosts.restartDockerd(h3);
            assertEquals("kept-over-restart", session.exec("docker network ls --filter name=kept-over-restart --format '{{.Name}}'",
                    Duration.ofSeconds(20)).orThrow().stdout().strip(), "the same Docker data, over the session opened before");
            assertEquals("h3", session.exec("docker info --format '{{.Name}}'", Duration.ofSeconds(20)).orThrow().stdout().strip());
            session.exec("docker network rm kept-over-restart", Duration.ofSeconds(20)).orThrow();
        }
        assertFalse(dockerdPids().get("h3") == dockerd, "a new dockerd");
        assertEquals(sshd, HostProbe.process(SET.paths("h3").sshdPidFile(), "sshd").orElseThrow().pid(), "the same sshd");
        JsonNode listed = new ObjectMapper().readTree(swarmlab("hosts", "ls", "--json").out());
        assertEquals("running", listed.get(2).path("state").asText(), listed.get(2).toString());
    }

    @Test
    @Order(6)
    void downLeavesNothingOfTheSetBehindAndIsSafeTwice() throws IOException {
        List<Long> pids = new ArrayList<>(dockerdPids().values());
        CliRun down = swarmlab("hosts", "down");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertTrue(down.out().contains("removed 4 hosts"), down.out());

        assertTrue(Each.none(pids.stream(), pid -> ProcessHandle.of(pid).isPresent()), "dockerd processes remain: " + pids);
        assertEquals(List.of(), matching(Path.of("/run/netns"), PREFIX + "-"), "namespaces");
        assertEquals(List.of(), matching(Path.of("/sys/class/net"), PREFIX + "-"), "veths and bridge");
        assertFalse(Files.exists(Cgroups.find().unified().resolve(SET.cgroup())), "cgroup");
        assertFalse(Files.exists(HOME), "state folder");
        assertTrue(Each.none(Mounts.points().stream(), m -> m.startsWith(HOME.toString()) || m.contains(PREFIX + "-")),
                "mounts");
        String rules = new LocalCommands().must("iptables", "-S").stdout();
        assertFalse(rules.contains(SET.ruleComment()), rules);
        assertTrue(processesMentioning(HOME.toString()).isEmpty(), "processes: " + processesMentioning(HOME.toString()));

        CliRun twice = swarmlab("hosts", "down");
        assertEquals(0, twice.exit(), twice.err());
        assertTrue(twice.out().contains("nothing to remove"), twice.out());
    }

    private static Set<String> hostnamesOverSsh(Inventory inventory) {
        Set<String> names = new TreeSet<>();
        for (InventoryHost host : inventory.hosts()) {
            try (SshSession session = Ssh.connect(host)) {
                names.add(session.exec("docker info --format '{{.Name}}'", Duration.ofSeconds(20)).orThrow().stdout().strip());
            }
        }
        return names;
    }

    private static Map<String, Long> dockerdPids() throws IOException {
        Map<String, Long> pids = new TreeMap<>();
        try (Stream<Path> hosts = Files.list(SET.hostsDir())) {
            for (Path dir : hosts.toList()) {
                HostProbe.process(new HostPaths(dir).dockerdPidFile(), "dockerd")
                        .ifPresent(p -> pids.put(dir.getFileName().toString(), p.pid()));
            }
        }
        return pids;
    }

    private static List<String> matching(Path dir, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(prefix)).toList();
        }
    }

    private static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(text))
                .toList();
    }
}
