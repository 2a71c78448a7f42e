package dev.swarmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmlab.CliRun;
import dev.swarmlab.Each;
import dev.swarmlab.HostLogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The five labs written from Docker's documentation (labs/from-docs), outside the catalog the model grew from: `run
 * --all` on two emulated hosts, every cell matched and every host clean after each destroy; then what each page
 * promises, checked from the measurements alone.
 */
class FromDocsLabsIT {
    private static final String PREFIX = "sldoc";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it-docs");
    private static final Path INVENTORY = HOME.resolve(PREFIX).resolve("inventory.yaml");
    @RegisterExtension
    static final HostLogs LOGS = new HostLogs(PREFIX, HOME);
    private static CliRun all;

    @BeforeAll
    static void runEveryLab() {
        CliRun.hosts(PREFIX, HOME, "down");
        CliRun up = CliRun.hosts(PREFIX, HOME, "up", "--count", "2", "--subnet", "10.249.0.0/24");
        assertEquals(0, up.exit(), up.all());
        all = CliRun.of("run", "--all", "--labs", LabSchemaTest.FROM_DOCS.toString(), "--inventory", INVENTORY.toString());
    }

    @AfterAll
    static void hostsDown() {
        CliRun.hosts(PREFIX, HOME, "down");
    }

    @Test
    void everyLabRunsAndEveryCellMatches() {
        assertEquals(0, all.exit(), all.all());
        for (LabCatalog.Entry lab : LabCatalog.of(LabSchemaTest.FROM_DOCS).entries()) {
            assertTrue(all.out().lines().anyMatch(l -> l.startsWith(lab.name() + " ") && l.contains(" passed ") && l.contains(" clean ")),
                    lab.name() + " passed and its destroy left every host clean:\n" + all.out());
        }
    }

    @Test
    void whatEachPagePromisesIsWhatWasMeasured() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<JsonNode> bridge = cells("bridge-options");
        check(wrong, "enable_icc=false: no traffic between the bridge's containers", bridge,
                c -> is(c, "no-icc", "by address", "tcp") && c.path("source").asText().equals("icc-a"), "blocked");
        check(wrong, "enable_ip_masquerade=false: no way out", bridge, c -> is(c, "no-masq", "to outside", "http"), "blocked");
        check(wrong, "host_binding_ipv4=127.0.0.1: another host does not reach the published port", bridge,
                c -> is(c, "host", "published port", "tcp") && c.path("target").asText().startsWith("web ") && c.path("sourceHost").asText().equals("h2"),
                "blocked");
        List<JsonNode> internal = cells("internal-drivers");
        check(wrong, "an internal overlay does not reach its host", internal, c -> is(c, "closed-overlay", "to host", "tcp"), "blocked");
        check(wrong, "an internal bridge reaches its host (Engine 20.10)", internal, c -> is(c, "closed-bridge", "to host", "tcp"), "ok");
        check(wrong, "an internal overlay still spans the hosts", internal, c -> is(c, "closed-overlay", "by address", "tcp")
                && !c.path("sourceHost").asText().equals(c.path("targetHost").asText()), "ok");
        List<JsonNode> multi = cells("multi-network");
        check(wrong, "on an internal and a normal bridge, a container goes out", multi,
                c -> c.path("source").asText().equals("gateway") && c.path("route").asText().equals("to outside"), "ok");
        check(wrong, "on an internal bridge only, it does not", multi,
                c -> c.path("source").asText().equals("db") && c.path("route").asText().equals("to outside"), "blocked");
        check(wrong, "two overlays are kept apart across hosts", multi,
                c -> c.path("source").asText().equals("left") && c.path("target").asText().equals("right"), "blocked");
        List<JsonNode> alias = cells("shared-alias");
        check(wrong, "a shared alias answers, from one of its holders", alias, c -> c.path("source").asText().equals("client")
                && c.path("dial").asText().equals("api") && c.path("probe").asText().equals("tcp"), "ok");
        if (!Each.all(alias.stream().filter(c -> c.path("dial").asText().equals("api") && c.path("probe").asText().equals("tcp")),
                c -> c.path("answeredBy").asText().matches("api-[12]@h1"))) {
            wrong.add("a shared alias is answered by its holders only");
        }
        check(wrong, "a published UDP port answers from the other host", cells("udp-publish"), c -> is(c, "host", "published port", "udp")
                && c.path("sourceHost").asText().equals("h2"), "ok");
        assertTrue(wrong.isEmpty(), "claims the measurements contradict: " + wrong);
    }

    private static boolean is(JsonNode cell, String network, String route, String probe) {
        return cell.path("network").asText().equals(network) && cell.path("route").asText().equals(route) && cell.path("probe").asText().equals(probe);
    }

    private static void check(List<String> wrong, String claim, List<JsonNode> cells, Predicate<JsonNode> which, String outcome) {
        List<JsonNode> found = cells.stream().filter(which).toList();
        assertFalse(found.isEmpty(), "no cells for: " + claim);
        if (!Each.all(found.stream(), c -> c.path("outcome").asText().equals(outcome))) {
            wrong.add(claim);
        }
    }

    private static List<JsonNode> cells(String lab) throws Exception {
        List<JsonNode> cells = new ArrayList<>();
        LabsIT.latest(lab).path("cells").forEach(cells::add);
        return cells;
    }
}
