package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.Each;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.LocalCommands;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An emulated host on Debian sid's root filesystem beside one on this machine's own: it runs the
 * engine sid ships (read from the tree, not written here), a lab's containers on it answer the
 * probes' execs, and nothing is left mounted afterwards. The sid tree is built once (about a minute),
 * or taken from the cache.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteHostsIT {
    private static final String PREFIX = "slste";
    private static final Path HOME = Path.of("/var/lib/swarmlab-suite-it");
    private static final String SUBNET = "10.248.0.0/24";
    private static final HostSet SET = new HostSet(HOME, PREFIX);
    private static final String LAB = Path.of("..", "labs", "app-db.yaml").toAbsolutePath().normalize().toString();

    @BeforeAll
    static void startClean() {
        CliRun down = CliRun.hosts(PREFIX, HOME, "down");
        assertEquals(0, down.exit(), down.err());
    }

    @AfterAll
    static void tearDown() {
        CliRun.hosts(PREFIX, HOME, "down");
    }

    @Test
    @Order(1)
    void aSidHostRunsSidsOwnEngineBesideOneOnThisMachine() throws IOException {
        CliRun up = CliRun.hosts(PREFIX, HOME, "up", "--count", "2", "--subnet", SUBNET, "--suite", "h1=sid");
        assertEquals(0, up.exit(), up.out() + up.err());
        String sidPackage = SuiteTrees.standard(new LocalCommands(), Progress.SILENT).ensure(Suite.SID).engine();

        JsonNode listed = new ObjectMapper().readTree(CliRun.hosts(PREFIX, HOME, "ls", "--json").out());
        JsonNode h1 = listed.get(0);
        JsonNode h2 = listed.get(1);
        assertEquals("sid", h1.path("suite").asText(), h1.toString());
        assertTrue(sidPackage.startsWith(h1.path("dockerVersion").asText()) && !h1.path("dockerVersion").asText().isEmpty(),
                "h1 runs sid's docker.io " + sidPackage + ": " + h1);
        assertEquals("", h2.path("suite").asText(), h2.toString());
        assertNotEquals(h1.path("dockerVersion").asText(), h2.path("dockerVersion").asText(), "h2 runs this machine's own Docker");
        assertTrue(h1.path("firewall").asText().startsWith("iptables") || h1.path("firewall").asText().startsWith("nftables"), h1.toString());
        assertTrue(up.out().contains("sid"), up.out());
    }

    @Test
    @Order(2)
    void aRunningHostKeepsItsSuite() {
        CliRun other = CliRun.hosts(PREFIX, HOME, "up", "--count", "2", "--suite", "h1=bookworm");
        assertNotEquals(0, other.exit(), other.out());
        assertTrue(other.err().contains("h1 runs on Debian sid, not on Debian bookworm"), other.err());
        assertTrue(other.err().contains("swarmlab hosts down"), other.err());
    }

    @Test
    @Order(3)
    void aLabOnTheSidHostPasses() {
        CliRun run = CliRun.of("run", LAB, "--inventory", SET.inventory().toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("of lab app-db: passed"), run.out());
        CliRun destroy = CliRun.of("destroy", LAB, "--inventory", SET.inventory().toString());
        assertEquals(0, destroy.exit(), destroy.out() + destroy.err());
    }

    @Test
    @Order(4)
    void downLeavesNoMountOfTheSuiteHost() {
        CliRun down = CliRun.hosts(PREFIX, HOME, "down");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertTrue(Each.none(Mounts.points().stream(), m -> m.startsWith(HOME.toString())), "mounts left under " + HOME);
    }
}
