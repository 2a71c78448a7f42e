package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.Deadline;
import dev.swarmlab.Each;
import dev.swarmlab.HostLogs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults the lab must survive, on three emulated hosts: a second run of a running lab refused with
 * its holder; a host left dirty found by preflight and repaired; a host dropped from an overlay's
 * peers giving error cells with the shared cause first; dockerd killed on one host mid-run; the
 * controller killed mid-deploy. A small lab (an overlay and a bridge, tcp and dns) keeps each short.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    private static final String PREFIX = "slflt";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it-faults");
    private static final Path INVENTORY = HOME.resolve(PREFIX).resolve("inventory.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Gossip to and from h2 dropped, in a chain of the test's own (not swarmlab's: nothing may find it a leftover of swarmlab). */
    private static final String GOSSIP_CUT = "iptables -w -N SLTEST-GOSSIP; for p in tcp udp; do iptables -w -A SLTEST-GOSSIP -p $p --dport 7946 -j DROP;"
            + " iptables -w -A SLTEST-GOSSIP -p $p --sport 7946 -j DROP; done; iptables -w -I INPUT -j SLTEST-GOSSIP; iptables -w -I OUTPUT -j SLTEST-GOSSIP";
    private static final String GOSSIP_BACK = "iptables -w -D INPUT -j SLTEST-GOSSIP 2>/dev/null; iptables -w -D OUTPUT -j SLTEST-GOSSIP 2>/dev/null;"
            + " iptables -w -F SLTEST-GOSSIP 2>/dev/null; iptables -w -X SLTEST-GOSSIP 2>/dev/null; true";
    private static Path lab;
    @RegisterExtension
    static final HostLogs LOGS = new HostLogs(PREFIX, HOME);

    static CliRun hosts(String... args) {
        return CliRun.hosts(PREFIX, HOME, args);
    }

    @BeforeAll
    static void hostsUp() throws IOException {
        hosts("down");
        CliRun up = hosts("up", "--count", "3", "--subnet", "10.254.0.0/24");
        assertEquals(0, up.exit(), up.all());
        lab = HOME.resolve("faults.yaml");
        Files.writeString(lab, """
                name: faults
                description: an overlay and a bridge on three hosts, for the fault tests
                hosts: local:3
                swarm: {managers: [h1]}
                networks:
                  - {name: f-overlay, driver: overlay, attachable: true, subnet: 10.122.0.0/24}
                  - {name: f-bridge, driver: bridge, subnet: 10.123.0.0/24}
                agents: {networks: [f-overlay, f-bridge]}
                probes: [tcp, dns]
                """);
    }

    @AfterEach
    void gossipBack() {
        Controllers.onHost(INVENTORY, "h2", GOSSIP_BACK);
    }

    @AfterAll
    static void hostsDown() {
        CliRun.of("destroy", lab.toString(), "--inventory", INVENTORY.toString());
        hosts("down");
    }

    @Test
    @Order(1)
    void aSecondRunOfARunningLabIsRefusedAndNamesTheHolder() throws Exception {
        Process first = Controllers.start("run", lab.toString(), "--inventory", INVENTORY.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            Controllers.awaitPlanned(out);
            CliRun second = CliRun.of("run", lab.toString(), "--inventory", INVENTORY.toString());
            assertEquals(1, second.exit(), second.all());
            assertTrue(second.all().contains("lab faults is in use: held by pid " + first.pid()), second.all());
            assertTrue(second.all().contains("swarmlab run " + lab), "the holder's command: " + second.all());
            out.transferTo(Writer.nullWriter());
            assertTrue(first.waitFor(3, TimeUnit.MINUTES), "the first run ends");
            assertEquals(0, first.exitValue(), "the first run is not disturbed");
        } finally {
            first.destroyForcibly();
        }
        CliRun again = CliRun.of("run", lab.toString(), "--inventory", INVENTORY.toString(), "--probe", "dns");
        assertEquals(0, again.exit(), "a lock whose holder is gone is free: " + again.all());
    }

    @Test
    @Order(2)
    void aHostLeftDirtyIsRefusedByPreflightUntilRepairedByDestroyOrHostsUp() {
        assertEquals(0, CliRun.of("destroy", lab.toString(), "--inventory", INVENTORY.toString()).exit());
        // What a run killed after its cut step leaves, with its record of the change lost: the chain, and nothing to put it back.
        Controllers.onHost(INVENTORY, "h3", "iptables -w -N SWARMLAB-CUT && iptables -w -I FORWARD -j SWARMLAB-CUT");
        CliRun refused = CliRun.of("deploy", lab.toString(), "--inventory", INVENTORY.toString());
        assertEquals(1, refused.exit(), refused.all());
        assertTrue(refused.out().lines().anyMatch(l -> l.startsWith("leftovers") && l.contains("h3") && l.contains("fail")
                && l.contains("chain SWARMLAB-CUT")), refused.out());
        assertTrue(refused.all().contains("nothing was created"), refused.all());
        CliRun destroy = CliRun.of("destroy", lab.toString(), "--inventory", INVENTORY.toString());
        assertEquals(1, destroy.exit(), "destroy says the host is not clean: " + destroy.all());
        assertTrue(destroy.all().contains("h3: left chain SWARMLAB-CUT"), destroy.all());
        CliRun repair = CliRun.of("destroy", lab.toString(), "--inventory", INVENTORY.toString(), "--repair");
        assertEquals(0, repair.exit(), repair.all());
        int listed = repair.out().indexOf("h3: chain SWARMLAB-CUT");
        int removed = repair.out().indexOf("h3: removed chain SWARMLAB-CUT");
        assertTrue(listed >= 0 && removed > listed, "listed first, then removed: " + repair.out());
        assertEquals("", Controllers.onHost(INVENTORY, "h3", "iptables -w -S | grep SWARMLAB || true").strip());
        CliRun deploy = CliRun.of("deploy", lab.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, deploy.exit(), deploy.all());
        // On emulated hosts, `hosts up` repairs it too.
        Controllers.onHost(INVENTORY, "h3", "iptables -w -N SWARMLAB-CUT && iptables -w -I FORWARD -j SWARMLAB-CUT");
        CliRun up = hosts("up", "--count", "3");
        assertEquals(0, up.exit(), up.all());
        assertTrue(up.out().contains("repaired: removed iptables chain SWARMLAB-CUT"), up.out());
        assertEquals("", Controllers.onHost(INVENTORY, "h3", "iptables -w -S | grep SWARMLAB || true").strip());
    }

    @Test
    @Order(3)
    void aHostDroppedFromTheOverlaysPeersGivesErrorCellsWithTheSharedCauseFirst() throws Exception {
        assertEquals(0, CliRun.of("deploy", lab.toString(), "--inventory", INVENTORY.toString()).exit());
        Controllers.onHost(INVENTORY, "h2", GOSSIP_CUT);
        Deadline.in(Duration.ofMinutes(2), "h1 and h3 to drop h2 from f-overlay's peers").await(() -> Controllers.onHost(INVENTORY, "h1",
                "docker network inspect --verbose f-overlay --format '{{range .Peers}}{{.IP}} {{end}}'").contains("10.254.0.12") ? null : true,
                Duration.ofSeconds(2));
        String previous = System.getProperty("swarmlab.converge.seconds");
        System.setProperty("swarmlab.converge.seconds", "15");
        CliRun run;
        try {
            // --force: preflight sees the swarm ports to h2 dropped, and would stop here; the gate must tell what breaks.
            run = CliRun.of("run", lab.toString(), "--inventory", INVENTORY.toString(), "--force");
        } finally {
            if (previous == null) {
                System.clearProperty("swarmlab.converge.seconds");
            } else {
                System.setProperty("swarmlab.converge.seconds", previous);
            }
        }
        assertEquals(3, run.exit(), "errors, not failures: " + run.all());
        List<String> lines = run.out().lines().toList();
        int header = indexOf(lines, l -> l.startsWith("run ") && l.contains(" of lab faults: "));
        assertTrue(lines.get(header + 1).startsWith("NOT CONVERGED, round 0:") && lines.get(header + 1).contains("h2 is not a peer of f-overlay"),
                "the run says so at the top: " + run.out());
        assertTrue(lines.get(header + 2).startsWith("shared cause: all ") && lines.get(header + 2).contains("error cells involve h2 on f-overlay"),
                "the shared cause before the cells: " + run.out());
        JsonNode cells = Controllers.show(latestRun()).path("cells");
        int errors = 0;
        for (JsonNode cell : cells) {
            boolean crossesH2 = cell.path("network").asText().equals("f-overlay") && !cell.path("sameHost").asBoolean()
                    && (cell.path("sourceHost").asText().equals("h2") || cell.path("targetHost").asText().equals("h2"));
            assertEquals(crossesH2 ? "error" : "matched", cell.path("verdict").asText(), cell.toString());
            errors += crossesH2 ? 1 : 0;
            if (crossesH2) {
                assertTrue(cell.path("reason").asText().startsWith("the lab did not converge: h2 is not a peer of f-overlay"), cell.toString());
            }
        }
        assertTrue(errors > 0, "some cells cross h2 on the overlay");
        assertFalse(run.out().contains("unexpected "), "no cell blamed on the driver");
    }

    @Test
    @Order(4)
    void dockerdKilledOnOneHostMidRunMakesOnlyItsCellsErrors() throws Exception {
        assertEquals(0, CliRun.of("deploy", lab.toString(), "--inventory", INVENTORY.toString()).exit());
        Process run = Controllers.start("run", lab.toString(), "--inventory", INVENTORY.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        String runId = Controllers.awaitPlanned(out);
        Controllers.onHost(INVENTORY, "h3", "kill -9 $(cat /run/docker.pid)");
        out.transferTo(Writer.nullWriter());
        assertTrue(run.waitFor(3, TimeUnit.MINUTES), "the run ends");
        assertEquals(3, run.exitValue(), "errors, not failures");
        for (JsonNode cell : Controllers.show(runId).path("cells")) {
            boolean h3 = cell.path("sourceHost").asText().equals("h3") || cell.path("targetHost").asText().equals("h3");
            if (!h3) {
                assertEquals("matched", cell.path("verdict").asText(), cell.toString());
            } else {
                assertTrue(List.of("matched", "error").contains(cell.path("verdict").asText()), "h3's cells are errors (or measured before): " + cell);
            }
        }
        CliRun up = hosts("up", "--count", "3");
        assertEquals(0, up.exit(), up.all());
        assertTrue(up.out().contains("restarted 1"), "hosts up restarts h3's dockerd: " + up.out());
        CliRun next = CliRun.of("run", lab.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, next.exit(), "the next run passes: " + next.all());
    }

    @Test
    @Order(5)
    void aControllerKilledMidDeployIsFinishedByTheNextDeployWithNothingMadeTwice() throws Exception {
        CliRun destroy = CliRun.of("destroy", lab.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, destroy.exit(), destroy.all());
        Process deploy = Controllers.start("deploy", lab.toString(), "--inventory", INVENTORY.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(deploy.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null && !line.matches("^h\\d\\s+create \\w+ network .*"); line = out.readLine()) {
            seen.append(line).append('\n');
        }
        deploy.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.readString(Path.of(".swarmlab/faults/journal.jsonl")).contains("\"started\""), "the journal has what it began");
        CliRun again = CliRun.of("deploy", lab.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, again.exit(), seen + again.all());
        for (String host : List.of("h1", "h2", "h3")) {
            String networks = Controllers.onHost(INVENTORY, host, "docker network ls --filter label=dev.swarmlab.lab=faults --format '{{.Name}}' | sort | uniq -c");
            assertTrue(Each.all(networks.lines(), l -> l.strip().startsWith("1 ")), host + ": each network once: " + networks);
            assertTrue(networks.contains("f-bridge"), host + ": " + networks);
            String agents = Controllers.onHost(INVENTORY, host, "docker ps -a --filter label=dev.swarmlab.lab=faults --format '{{.Names}}' | sort | uniq -c");
            assertEquals(4, agents.lines().filter(l -> l.strip().startsWith("1 ")).count(), host + ": two agents on each network, once each: " + agents);
        }
        CliRun run = CliRun.of("run", lab.toString(), "--inventory", INVENTORY.toString());
        assertEquals(0, run.exit(), run.all());
    }

    private static int indexOf(List<String> lines, Predicate<String> which) {
        for (int i = 0; i < lines.size(); i++) {
            if (which.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in:\n" + String.join("\n", lines));
    }

    private static String latestRun() throws IOException {
        CliRun runs = CliRun.of("runs", "--lab", "faults", "--json");
        JsonNode list = JSON.readTree(runs.out());
        return list.get(list.size() - 1).path("id").asText();
    }
}
