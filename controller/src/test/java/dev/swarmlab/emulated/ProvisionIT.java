package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.Each;
import dev.swarmlab.plan.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bare emulated hosts of two Debian suites (sid, and bookworm twice: two trees, built once or taken from
 * the cache) provisioned over SSH by `swarmlab provision` as real machines are: a failure midway is
 * reported and completed by the next run, a second run changes nothing, and labs/engines.yaml on the two
 * engines is judged for the engine each host reports (not for a version written here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    private static final String PREFIX = "slste";
    private static final Path HOME = Path.of("/var/lib/swarmlab-suite-it");
    private static final String SUBNET = "10.248.0.0/24";
    private static final HostSet SET = new HostSet(HOME, PREFIX);
    private static final String LAB = Path.of("..", "labs", "engines.yaml").toAbsolutePath().normalize().toString();
    private static final String FOREIGN = "{\"debug\": true}";

    @BeforeAll
    static void startClean() {
        CliRun down = CliRun.hosts(PREFIX, HOME, "down");
        assertEquals(0, down.exit(), down.err());
    }

    @AfterAll
    static void tearDown() {
        CliRun.of("destroy", LAB, "--inventory", SET.inventory().toString());
        CliRun.hosts(PREFIX, HOME, "down");
    }

    private static CliRun provision() {
        return CliRun.of("provision", "--inventory", SET.inventory().toString());
    }

    private static JsonNode listed() throws IOException {
        return new ObjectMapper().readTree(CliRun.hosts(PREFIX, HOME, "ls", "--json").out());
    }

    /** A command on emulated host hN as root, over its SSH. */
    private static String onHost(int index, String command) throws IOException, InterruptedException {
        Process ssh = new ProcessBuilder("ssh", "-i", SET.identity().toString(), "-o", "UserKnownHostsFile=" + SET.knownHosts(),
                "-o", "BatchMode=yes", "root@10.248.0." + (10 + index), command).redirectErrorStream(true).start();
        String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ssh.waitFor(60, TimeUnit.SECONDS), "ssh h" + index + " " + command);
        assertEquals(0, ssh.exitValue(), "ssh h" + index + " " + command + ": " + out);
        return out;
    }

    @Test
    @Order(1)
    void bareHostsOfTwoSuitesStopAfterSshd() throws IOException {
        CliRun up = CliRun.hosts(PREFIX, HOME, "up", "--count", "3", "--subnet", SUBNET, "--bare", "--suite", "h1=sid,h2=bookworm,h3=bookworm");
        assertEquals(0, up.exit(), up.out() + up.err());
        JsonNode hosts = listed();
        assertEquals(List.of("sid", "bookworm", "bookworm"), List.of(hosts.get(0).path("suite").asText(), hosts.get(1).path("suite").asText(),
                hosts.get(2).path("suite").asText()), hosts.toString());
        for (JsonNode host : hosts) {
            assertEquals("running", host.path("state").asText(), host.toString());
            assertEquals("", host.path("dockerVersion").asText(), "no engine on a bare host: " + host);
        }
    }

    @Test
    @Order(2)
    void aProvisioningStoppedMidwayIsReportedAndTheNextRunCompletesIt() throws Exception {
        onHost(2, "mkdir -p /etc/docker && echo '" + FOREIGN + "' > /etc/docker/daemon.json");
        CliRun first = provision();
        assertEquals(1, first.exit(), first.all());
        assertTrue(first.err().contains("h2: has a /etc/docker/daemon.json of its own"), first.err());
        assertTrue(first.err().contains("mv /etc/docker/daemon.json"), "the remedy: " + first.err());
        assertTrue(onHost(2, "dpkg-query -W -f '${db:Status-Abbrev}' docker.io").startsWith("ii"), "the step before it was done on h2");
        assertEquals(FOREIGN + "\n", onHost(2, "cat /etc/docker/daemon.json"), "h2's own file is left as it was");
        JsonNode hosts = listed();
        assertFalse(hosts.get(0).path("dockerVersion").asText().isEmpty(), "h1 was provisioned beside the failure: " + hosts.get(0));

        onHost(2, "rm /etc/docker/daemon.json");
        CliRun second = provision();
        assertEquals(0, second.exit(), second.all());
        String h2 = second.out().lines().filter(line -> line.startsWith("h2 ") && line.contains("Debian")).reduce((a, b) -> b).orElse("");
        assertTrue(h2.contains("wrote /etc/docker/daemon.json") && h2.contains("started dockerd") && !h2.contains("installed docker.io"),
                "h2 gets what the first run left, and only that: " + h2);
        String h1 = second.out().lines().filter(line -> line.startsWith("h1 ") && line.contains("Debian")).reduce((a, b) -> b).orElse("");
        assertTrue(h1.contains("nothing changed"), h1);
        assertTrue(onHost(2, "cat /var/lib/swarmlab-provision/journal").contains("settings: wrote /etc/docker/daemon.json"));
    }

    @Test
    @Order(3)
    void aSecondProvisioningChangesNothing() throws IOException {
        CliRun again = provision();
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("provisioned 3 hosts in ") && again.out().contains(": nothing changed"), again.out());
        JsonNode hosts = listed();
        String sid = hosts.get(0).path("dockerVersion").asText();
        String bookworm = hosts.get(1).path("dockerVersion").asText();
        assertFalse(sid.isEmpty() || bookworm.isEmpty(), hosts.toString());
        assertNotEquals(sid, bookworm, "each host runs its own suite's engine");
    }

    @Test
    @Order(4)
    void aRunningHostKeepsItsSuite() {
        CliRun other = CliRun.hosts(PREFIX, HOME, "up", "--count", "3", "--suite", "h1=bookworm");
        assertNotEquals(0, other.exit(), other.out());
        assertTrue(other.err().contains("h1 runs on Debian sid, not on Debian bookworm"), other.err());
        assertTrue(other.err().contains("swarmlab hosts down"), other.err());
    }

    /**
     * The judge follows each host's reported engine: an --internal network reaches its own host before Engine 25.0 and not from it on
     * (the source's engine); another host routed to a container reaches its published ports before 28.0 and none from it on (the
     * container's host's engine).
     */
    @Test
    @Order(5)
    void theEnginesLabIsJudgedForTheEngineEachHostReports() throws IOException {
        CliRun run = CliRun.of("run", LAB, "--inventory", SET.inventory().toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("of lab engines: passed"), run.out());
        Path reportDir = Files.list(Path.of(".swarmlab", "engines", "runs")).max(Path::compareTo).orElseThrow();
        JsonNode report = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
        Map<String, Engine> engines = new HashMap<>();
        report.path("hosts").forEach(h -> engines.put(h.path("name").asText(), Engine.parse(h.path("engine").asText()).orElseThrow()));
        assertEquals(3, engines.size(), report.path("hosts").toString());
        Set<String> keys = new HashSet<>();
        for (JsonNode cell : report.path("cells")) {
            String key = cell.path("expected").path("why").path("parts").path(0).path("key").asText();
            String expected;
            if (key.startsWith("stack.internal-bridge")) {
                expected = engines.get(cell.path("sourceHost").asText()).atLeast(Engine.INTERNAL_NO_ROUTE) ? "stack.internal-bridge-no-route"
                        : "stack.internal-bridge-host";
            } else if (key.startsWith("filter.direct")) {
                boolean published = cell.path("route").asText().equals("routed, published");
                expected = engines.get(cell.path("targetHost").asText()).atLeast(Engine.DIRECT_BLOCKED) ? "filter.direct-blocked"
                        : published ? "filter.direct-published" : "filter.direct-unpublished";
            } else {
                continue;
            }
            assertEquals(expected, key, cell.path("id").asText());
            assertEquals(key.endsWith("-host") || key.endsWith("-published") ? "reachable" : "blocked", cell.path("expected").path("outcome").asText(),
                    cell.path("id").asText());
            assertEquals("matched", cell.path("verdict").asText(), cell.toString());
            keys.add(key);
        }
        assertEquals(Set.of("stack.internal-bridge-no-route", "stack.internal-bridge-host", "filter.direct-blocked", "filter.direct-published",
                "filter.direct-unpublished"), keys, "both sides of 25.0 and of 28.0 were probed");
        assertTrue(run.out().contains("host @ 20.10.") && run.out().contains("host @ 28."), "the comparison's engine axis:\n" + run.out());
        CliRun destroy = CliRun.of("destroy", LAB, "--inventory", SET.inventory().toString());
        assertEquals(0, destroy.exit(), destroy.out() + destroy.err());
    }

    @Test
    @Order(6)
    void downLeavesNoMountOfTheSuiteHosts() {
        CliRun down = CliRun.hosts(PREFIX, HOME, "down");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertTrue(Each.none(Mounts.points().stream(), m -> m.startsWith(HOME.toString())), "mounts left under " + HOME);
    }
}
