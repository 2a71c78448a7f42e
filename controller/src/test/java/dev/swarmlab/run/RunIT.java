package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.Each;
import dev.swarmlab.HostLogs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The headline lab on three emulated hosts: overlay, user bridge, default bridge, host and none,
 * probed with icmp, tcp, udp, dns and http. Every cell must match; the agent image is loaded once;
 * a dead agent's cells turn into errors; a controller killed mid-run leaves what it measured; the
 * server shows the hosts, starts a run and streams it to its end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunIT {
    private static final String PREFIX = "slrun";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it-run");
    @RegisterExtension
    static final HostLogs LOGS = new HostLogs(PREFIX, HOME);
    private static final Path LAB = Path.of("../labs/drivers.yaml").toAbsolutePath().normalize();
    private static final Path INVENTORY = HOME.resolve(PREFIX).resolve("inventory.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun hosts(String... args) {
        return CliRun.hosts(PREFIX, HOME, args);
    }

    @BeforeAll
    static void hostsUp() {
        hosts("down");
        CliRun up = hosts("up", "--count", "3", "--subnet", "10.253.0.0/24");
        assertEquals(0, up.exit(), up.all());
    }

    @AfterAll
    static void hostsDown() {
        CliRun.of("destroy", LAB.toString(), "--inventory", INVENTORY.toString());
        hosts("down");
    }

    @Test
    @Order(1)
    void everyCellOfTheDriversLabMatchesAndTheReportsAreWritten() throws IOException {
        Path out = Files.createDirectories(HOME.resolve("out"));
        CliRun run = CliRun.of("run", LAB.toString(), "--inventory", INVENTORY.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.all());
        for (String host : List.of("h1", "h2", "h3")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(host + " ") && l.contains("loaded swarmlab/agent:")), host + ": " + run.out());
        }
        assertTrue(run.out().contains("of lab drivers: passed"), run.out());
        assertTrue(run.out().contains("DRIVER COMPARISON"), run.out());
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertTrue(report.path("summary").path("allMatched").asBoolean(), report.path("summary").toString());
        JsonNode cells = report.path("cells");
        assertTrue(cells.size() > 900, "the whole matrix: " + cells.size());
        for (String network : List.of("lab-overlay", "lab-bridge", "bridge", "host", "none")) {
            for (String probe : List.of("icmp", "tcp", "udp", "dns", "http")) {
                assertTrue(count(cells, c -> c.path("network").asText().equals(network) && c.path("probe").asText().equals(probe)) > 0,
                        network + " " + probe + " has cells");
            }
        }
        cells.forEach(c -> assertEquals("matched", c.path("verdict").asText(), c.toString()));
        // The rules the course teaches, seen in the measurements themselves.
        assertTrue(Each.all(cells(cells, "lab-overlay", "by name", false, "tcp").stream(), c -> c.path("outcome").asText().equals("ok")
                && c.path("answeredBy").asText().startsWith(c.path("target").asText() + "@")), "overlays cross hosts by name");
        assertTrue(Each.all(cells(cells, "bridge", "by name", true, "dns").stream(), c -> c.path("outcome").asText().equals("blocked")
                && List.of("no such name", "timeout").contains(c.path("reason").asText())), "the default bridge does not resolve names");
        assertTrue(Each.all(cells(cells, "lab-bridge", "by address", false, "tcp").stream(), c -> c.path("outcome").asText().equals("misrouted")),
                "another host's bridge address is answered by a container on this host");
        JsonNode evidence = report.path("evidence");
        assertEquals(3, evidence.size(), "every host's evidence");
        for (JsonNode host : evidence) {
            assertEquals("lab-bridge", host.path("networks").path("lab-bridge").path("Name").asText(), host.path("host").asText());
            assertTrue(host.path("natRules").asText().contains("MASQUERADE"), host.path("natRules").asText());
            assertTrue(host.path("bridges").asText().contains("master"), "veth ends enslaved to the bridges: " + host.path("bridges"));
        }
        String junit = Files.readString(out.resolve("junit.xml"));
        assertEquals(cells.size(), junit.split("<testcase ", -1).length - 1, "one test case per cell");
        assertTrue(!junit.contains("<failure") && !junit.contains("<error"), "no failures or errors");
    }

    @Test
    @Order(2)
    void aSecondRunSkipsTheImageAndChangesNothing() {
        CliRun run = CliRun.of("run", LAB.toString(), "--inventory", INVENTORY.toString(), "--probe", "tcp,dns");
        assertEquals(0, run.exit(), run.all());
        for (String host : List.of("h1", "h2", "h3")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(host + " ") && l.contains("has swarmlab/agent:")), host + ": " + run.out());
        }
        assertTrue(Each.none(run.out().lines(), l -> l.contains("loaded swarmlab/agent") || l.contains("run agent ")), run.out());
    }

    @Test
    @Order(3)
    void anAgentKilledMidRunTurnsItsCellsIntoErrorsWhileTheRestComplete() throws Exception {
        Process run = Controllers.start("run", LAB.toString(), "--inventory", INVENTORY.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        String runId = Controllers.awaitPlanned(out);
        Controllers.onHost(INVENTORY, "h3", "docker rm -f drivers-none-h3-a");
        out.transferTo(Writer.nullWriter());
        assertTrue(run.waitFor(3, TimeUnit.MINUTES), "the run ends");
        assertEquals(3, run.exitValue(), "the run is incomplete: the killed agent's cells are errors, and no cell failed");
        JsonNode cells = Controllers.show(runId).path("cells");
        for (JsonNode cell : cells) {
            boolean killed = cell.path("source").asText().equals("drivers-none-h3-a");
            assertEquals(killed ? "error" : "matched", cell.path("verdict").asText(), cell.toString());
        }
        assertTrue(count(cells, c -> c.path("source").asText().equals("drivers-none-h3-a")) > 0);
    }

    @Test
    @Order(4)
    void aControllerKilledMidRunLeavesEveryResultItHadMeasured() throws Exception {
        Process run = Controllers.start("run", LAB.toString(), "--inventory", INVENTORY.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        String runId = Controllers.awaitPlanned(out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("probes: ")), "the first results arrive");
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        CliRun runs = CliRun.of("runs", "--json");
        JsonNode listed = null;
        for (JsonNode r : JSON.readTree(runs.out())) {
            if (r.path("id").asText().equals(runId)) {
                listed = r;
            }
        }
        assertTrue(listed != null, runs.out());
        assertEquals("cut off", listed.path("status").asText(), listed.toString());
        int measured = listed.path("counts").path("matched").asInt() + listed.path("counts").path("errors").asInt();
        assertTrue(measured > 0, "results stored before the kill: " + listed);
        JsonNode cells = Controllers.show(runId).path("cells");
        assertEquals(measured, count(cells, c -> c.has("outcome")), "show reads back every stored result");
        assertEquals(listed.path("counts").path("cells").asInt(), cells.size(), "unmeasured cells are listed as such");
    }

    @Test
    @Order(5)
    void theServerShowsTheHostsStartsARunAndStreamsItToItsEnd() throws Exception {
        Path labs = Files.createDirectories(HOME.resolve("labs"));
        Files.copy(LAB, labs.resolve("drivers.yaml"), StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String token = "runit-" + Long.toHexString(System.nanoTime());
        Process server = Controllers.start("serve", "--port", String.valueOf(port), "--labs", labs.toString(), "--inventory", INVENTORY.toString(),
                "--token", token);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(out.readLine().startsWith("serving runs from "), "the server says where it serves");
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;

            String bearer = "Bearer " + token;
            JsonNode hosts = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/labs/drivers/hosts"))
                            .header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(3, count(hosts.path("hosts"), h -> h.path("reached").asBoolean()), hosts.toString());
            assertEquals(3, hosts.path("nodes").size(), hosts.toString());
            assertEquals(1, count(hosts.path("nodes"), n -> n.path("leader").asBoolean() && n.path("role").asText().equals("manager")), hosts.toString());

            var started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/labs/drivers/runs"))
                    .header("Authorization", bearer).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"probes\":[\"tcp\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, started.statusCode(), started.body());
            String runId = JSON.readTree(started.body()).path("run").asText();

            List<String> events = new ArrayList<>();
            int cells = 0;
            String last = "";
            var stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + runId + "/events"))
                    .header("Authorization", bearer).timeout(Duration.ofMinutes(4)).build(), HttpResponse.BodyHandlers.ofLines());
            for (String line : (Iterable<String>) stream.body()::iterator) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                    cells += line.equals("event: cell") ? 1 : 0;
                } else if (line.startsWith("data: ")) {
                    last = line.substring(6);
                }
            }
            assertTrue(events.contains("step"), "the deploy's steps: " + events.subList(0, Math.min(10, events.size())));
            assertEquals("end", events.get(events.size() - 1), last);
            assertEquals("passed", JSON.readTree(last).path("status").asText());
            JsonNode report = Controllers.show(runId);
            assertEquals(report.path("cells").size(), cells, "every cell streamed once");
            assertTrue(cells > 100 && count(report.path("cells"), c -> !c.path("probe").asText().equals("tcp")) == 0, "the filter was applied");
            assertEquals(List.of("manager", "worker", "worker"), List.of(report.path("hosts").get(0).path("role").asText(),
                    report.path("hosts").get(1).path("role").asText(), report.path("hosts").get(2).path("role").asText()));
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The controller as its own process (the shaded jar), so that it can be killed. */



    private static List<JsonNode> cells(JsonNode cells, String network, String route, boolean sameHost, String probe) {
        List<JsonNode> found = new ArrayList<>();
        cells.forEach(c -> {
            if (c.path("network").asText().equals(network) && c.path("route").asText().equals(route)
                    && c.path("sameHost").asBoolean() == sameHost && c.path("probe").asText().equals(probe)) {
                found.add(c);
            }
        });
        assertTrue(!found.isEmpty(), network + " " + route + " same-host=" + sameHost + " " + probe);
        return found;
    }

    private static int count(JsonNode cells, Predicate<JsonNode> which) {
        int n = 0;
        for (JsonNode c : cells) {
            n += which.test(c) ? 1 : 0;
        }
        return n;
    }

}
