package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Reason;
import dev.swarmlab.plan.Route;
import dev.swarmlab.run.RunInfo;
import dev.swarmlab.run.RunStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The REST API on a random port, over a state folder holding two runs of one lab. */
@ExtendWith(VertxExtension.class)
class WebServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private static Cell cell(String id) {
        return new Cell(id, "ov", "a-h1", "h1", "a-h2", "h2", Route.ADDRESS, ProbeKind.TCP, "10.90.0.3", 7000, List.of("a-h2"), Optional.empty(),
                new Expected(Outcome.REACHABLE, Reason.said("an overlay spans hosts"), Expected.Source.RULE));
    }

    /** Run r1: both cells answered; run r2: c2 timed out. */
    private void twoRuns() throws Exception {
        try (RunStore store = RunStore.open(state.resolve("lab").resolve("runs.db"))) {
            for (String run : List.of("r1", "r2")) {
                List<Cell> cells = List.of(cell("c1"), cell("c2"));
                store.begin(new RunInfo(run, "lab", "lab.yaml", "2026-11-23T00:00:0" + run.charAt(1) + "Z", Optional.empty(), "running", "{}", "[]",
                        null), List.of(), cells);
                for (Cell c : cells) {
                    boolean ok = run.equals("r1") || c.id().equals("c1");
                    store.record(run, CellResult.judge(c, JSON.readTree("{\"id\":\"" + c.id() + "\",\"outcome\":\"" + (ok ? "ok" : "blocked")
                            + "\",\"reason\":\"" + (ok ? "" : "timeout") + "\"}")));
                }
                store.finish(run, run.equals("r1") ? "passed" : "failed");
            }
        }
    }

    private static WebServer serve(Vertx vertx, Optional<String> token, Path state) {
        WebServer server = new WebServer(new WebServer.Options("127.0.0.1", 0, token, state, state.resolve("no-labs")));
        vertx.deployVerticle(server).await();
        return server;
    }

    private static HttpResponse<Buffer> get(Vertx vertx, WebServer server, String path, String... header) {
        var request = WebClient.create(vertx).get(server.port(), "127.0.0.1", path);
        if (header.length == 2) {
            request.putHeader(header[0], header[1]);
        }
        return request.send().await();
    }

    private static JsonNode json(HttpResponse<Buffer> response) throws Exception {
        assertEquals("application/json", response.getHeader("Content-Type"));
        return JSON.readTree(response.bodyAsString());
    }

    @Test
    void runsOneRunOneCellAndTheDifferenceBetweenTwoRuns(Vertx vertx) throws Exception {
        twoRuns();
        WebServer server = serve(vertx, Optional.empty(), state);
        JsonNode runs = json(get(vertx, server, "/api/runs"));
        assertEquals(List.of("r1", "r2"), List.of(runs.get(0).path("id").asText(), runs.get(1).path("id").asText()));
        assertEquals(1, runs.get(1).path("counts").path("unexpected").asInt());

        JsonNode run = json(get(vertx, server, "/api/runs/r2"));
        assertEquals("failed", run.path("run").path("status").asText());
        assertEquals(2, run.path("cells").size());

        JsonNode cell = json(get(vertx, server, "/api/runs/r2/cell?id=c2"));
        assertEquals("unexpected", cell.path("verdict").asText());
        assertEquals("an overlay spans hosts", cell.path("expected").path("reason").asText());

        JsonNode diff = json(get(vertx, server, "/api/runs/r1/diff/r2"));
        assertEquals(1, diff.path("changed").size(), diff.toString());
        assertEquals("c2", diff.path("changed").get(0).path("id").asText());
        assertEquals("matched", diff.path("changed").get(0).path("before").path("verdict").asText());
        assertEquals("timeout", diff.path("changed").get(0).path("after").path("reason").asText());
    }

    @Test
    void errorsAreJsonWithTheirStatus(Vertx vertx) throws Exception {
        twoRuns();
        WebServer server = serve(vertx, Optional.empty(), state);
        HttpResponse<Buffer> missing = get(vertx, server, "/api/runs/nope");
        assertEquals(404, missing.statusCode());
        JsonNode body = json(missing);
        assertTrue(body.path("error").asText().startsWith("no run nope in "), body.toString());
        assertTrue(body.path("remedy").asText().contains("swarmlab runs"), body.toString());
        assertEquals(400, get(vertx, server, "/api/runs/r1/cell").statusCode());
        assertEquals(404, get(vertx, server, "/api/runs/r1/cell?id=c9").statusCode());
        assertEquals(404, get(vertx, server, "/no/such/page").statusCode());
    }

    @Test
    void withATokenEveryApiRequestMustCarryIt(Vertx vertx) throws Exception {
        twoRuns();
        WebServer server = serve(vertx, Optional.of("s3cret"), state);
        HttpResponse<Buffer> refused = get(vertx, server, "/api/runs");
        assertEquals(401, refused.statusCode());
        assertTrue(json(refused).path("remedy").asText().contains("Authorization: Bearer"));
        assertEquals(401, get(vertx, server, "/api/runs", "Authorization", "Bearer wrong").statusCode());
        assertEquals(200, get(vertx, server, "/api/runs", "Authorization", "Bearer s3cret").statusCode());
        assertEquals(200, get(vertx, server, "/api/runs?token=s3cret").statusCode());
    }

    @Test
    void labsListsTheLabFilesWithTheirNetworksOrTheirProblem(Vertx vertx) throws Exception {
        Path labs = Files.createDirectories(state.resolve("labs"));
        Files.writeString(labs.resolve("a.yaml"), "name: a\nhosts: local:1\nnetworks: [{name: br, driver: bridge}]\nprobes: [tcp]\n");
        Files.writeString(labs.resolve("b.yaml"), "name: b\nhosts: local:1\ncolour: blue\n");
        WebServer server = new WebServer(new WebServer.Options("127.0.0.1", 0, Optional.empty(), state, labs));
        vertx.deployVerticle(server).await();
        JsonNode list = json(get(vertx, server, "/api/labs"));
        assertEquals("a", list.get(0).path("name").asText());
        assertEquals("bridge", list.get(0).path("networks").get(0).path("driver").asText());
        assertTrue(list.get(1).path("problem").asText().contains("unknown field 'colour'"), list.toString());
    }

    @Test
    void preflightFindingsOfALabAreServedAsItsLastDeployWroteThem(Vertx vertx) throws Exception {
        Files.createDirectories(state.resolve("lab"));
        Files.writeString(state.resolve("lab").resolve("preflight.json"),
                "[{\"check\":\"kernel: ip_vs\",\"host\":\"h1\",\"status\":\"WARN\",\"evidence\":\"no IP_VS\",\"remedy\":\"r\"}]");
        WebServer server = serve(vertx, Optional.empty(), state);
        JsonNode findings = json(get(vertx, server, "/api/labs/lab/preflight"));
        assertEquals("kernel: ip_vs", findings.get(0).path("check").asText());
        assertEquals(404, get(vertx, server, "/api/labs/other/preflight").statusCode());
        assertEquals(400, get(vertx, server, "/api/labs/..%2F..%2Fetc/preflight").statusCode(), "not a lab name: no way out of the state folder");
    }

    private Path labsWithDrivers() throws Exception {
        Path labs = Files.createDirectories(state.resolve("labs"));
        Files.copy(Path.of("../labs/drivers.yaml"), labs.resolve("drivers.yaml"));
        return labs;
    }

    private WebServer serve(Vertx vertx, LabRunner runner) throws Exception {
        WebServer server = new WebServer(new WebServer.Options("127.0.0.1", 0, Optional.empty(), state, labsWithDrivers(), runner));
        vertx.deployVerticle(server).await();
        return server;
    }

    private static HttpResponse<Buffer> post(Vertx vertx, WebServer server, String path, String body) {
        return WebClient.create(vertx).post(server.port(), "127.0.0.1", path).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body)).await();
    }

    /** The events of a stream that ended, as name and data. */
    private static List<String[]> events(HttpResponse<Buffer> response) {
        assertEquals("text/event-stream", response.getHeader("Content-Type"));
        List<String[]> events = new ArrayList<>();
        for (String block : response.bodyAsString().split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null) {
                events.add(new String[] {name, data});
            }
        }
        return events;
    }

    @Test
    void aStartedRunStreamsItsStepsProgressAndEveryCellToItsEnd(Vertx vertx) throws Exception {
        WebServer server = serve(vertx, new ScriptedRun(15));
        HttpResponse<Buffer> started = post(vertx, server, "/api/labs/drivers/runs", "{}");
        assertEquals(202, started.statusCode(), started.bodyAsString());
        String run = json(started).path("run").asText();
        HttpResponse<Buffer> again = post(vertx, server, "/api/labs/drivers/runs", "{}");
        assertEquals(409, again.statusCode(), "one run of a lab at a time");
        assertTrue(json(again).path("error").asText().contains(run), again.bodyAsString());

        List<String[]> events = events(get(vertx, server, "/api/runs/" + run + "/events"));
        assertTrue(events.stream().anyMatch(e -> e[0].equals("step") && e[1].contains("connecting to 2 hosts")), "deploy steps stream");
        List<JsonNode> cells = new ArrayList<>();
        for (String[] e : events) {
            if (e[0].equals("cell")) {
                cells.add(JSON.readTree(e[1]));
            }
        }
        assertEquals(ScriptedRun.cells().size(), cells.size(), "every cell once");
        assertEquals(ScriptedRun.cells().size(), cells.stream().map(c -> c.path("id").asText()).distinct().count());
        assertEquals(1, cells.stream().filter(c -> c.path("verdict").asText().equals("unexpected")).count());
        JsonNode lastProgress = JSON.readTree(events.stream().filter(e -> e[0].equals("progress")).reduce((a, b) -> b).orElseThrow()[1]);
        assertEquals(lastProgress.path("total").asInt(), lastProgress.path("done").asInt());
        String[] last = events.get(events.size() - 1);
        assertEquals("end", last[0]);
        assertEquals("failed", JSON.readTree(last[1]).path("status").asText(), "one scripted cell surprised");
        assertEquals("failed", json(get(vertx, server, "/api/runs/" + run)).path("run").path("status").asText());
        HttpResponse<Buffer> next = post(vertx, server, "/api/labs/drivers/runs", "{\"networks\":[\"lab-overlay\"]}");
        assertEquals(202, next.statusCode(), "the lab can run again once its run is over");
        // Its lock is the machine's: the next test's server may only run the lab once this run is over.
        assertEquals("end", events(get(vertx, server, "/api/runs/" + json(next).path("run").asText() + "/events")).stream().reduce((a, b) -> b)
                .orElseThrow()[0]);
    }

    @Test
    void aRunThatCannotStartEndsItsStreamWithTheReasonAndTheRemedy(Vertx vertx) throws Exception {
        WebServer server = serve(vertx, (lab, runId, filter, root, progress) -> {
            throw new SwarmlabException("lab 'drivers' runs on 3 emulated hosts (hosts: local:3), and none are up",
                    "start them: swarmlab hosts up --count 3");
        });
        String run = json(post(vertx, server, "/api/labs/drivers/runs", "{}")).path("run").asText();
        List<String[]> events = events(get(vertx, server, "/api/runs/" + run + "/events"));
        String[] last = events.get(events.size() - 1);
        assertEquals("failed", last[0]);
        assertTrue(JSON.readTree(last[1]).path("error").asText().contains("none are up"), last[1]);
        assertEquals("start them: swarmlab hosts up --count 3", JSON.readTree(last[1]).path("remedy").asText());
    }

    @Test
    void startingARunChecksTheLabAndTheFilters(Vertx vertx) throws Exception {
        WebServer server = serve(vertx, new ScriptedRun(0));
        assertEquals(404, post(vertx, server, "/api/labs/nope/runs", "{}").statusCode());
        HttpResponse<Buffer> badNetwork = post(vertx, server, "/api/labs/drivers/runs", "{\"networks\":[\"lab-ovrelay\"]}");
        assertEquals(400, badNetwork.statusCode());
        assertTrue(json(badNetwork).path("error").asText().contains("has agents on lab-overlay"), badNetwork.bodyAsString());
        assertEquals(400, post(vertx, server, "/api/labs/drivers/runs", "{not json").statusCode());
        assertEquals(400, post(vertx, server, "/api/labs/drivers/runs", "{\"probes\":\"icmp\"}").statusCode());
        HttpResponse<Buffer> badHost = post(vertx, server, "/api/labs/drivers/runs", "{\"hosts\":[\"h9\"]}");
        assertEquals(400, badHost.statusCode());
        assertTrue(json(badHost).path("error").asText().contains("runs on h1, h2, h3"), badHost.bodyAsString());
        assertEquals(404, get(vertx, server, "/api/runs/nope/events").statusCode());
    }

    @Test
    void thePageIsServedAndTheTokenItWasOpenedWithBecomesACookie(Vertx vertx) throws Exception {
        ScriptedRun.record(state, "r1");
        WebServer open = serve(vertx, Optional.empty(), state);
        HttpResponse<Buffer> page = get(vertx, open, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.getHeader("Content-Type").startsWith("text/html"), page.getHeader("Content-Type"));
        assertTrue(page.bodyAsString().contains("<script src=\"app.js\">"));
        assertEquals(200, get(vertx, open, "/app.js").statusCode());

        WebServer guarded = serve(vertx, Optional.of("s3cret"), state);
        assertEquals(401, get(vertx, guarded, "/").statusCode(), "the page too needs the token");
        HttpResponse<Buffer> withToken = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false))
                .get(guarded.port(), "127.0.0.1", "/?token=s3cret").send().await();
        assertEquals(302, withToken.statusCode(), "the address loses its token at once");
        assertEquals("/", withToken.getHeader("Location"));
        String name = TokenCheck.cookie(guarded.port());
        String cookie = withToken.cookies().stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
        String lower = cookie.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("httponly") && lower.contains("samesite=strict"), cookie);
        HttpResponse<Buffer> byCookie = get(vertx, guarded, "/", "Cookie", cookie.split(";")[0]);
        assertEquals(200, byCookie.statusCode(), "the page opens with the cookie");
        assertTrue(byCookie.bodyAsString().contains("<script src=\"app.js\">"));
        assertEquals(200, get(vertx, guarded, "/api/runs", "Cookie", cookie.split(";")[0]).statusCode(), "the page's own requests use the cookie");
        assertEquals(401, get(vertx, guarded, "/api/runs", "Cookie", name + "=wrong").statusCode());
    }

    @Test
    void aRunsReportCarriesItsHostsNetworksAndEachCellsSpecAndRawResult(Vertx vertx) throws Exception {
        ScriptedRun.record(state, "r1");
        WebServer server = serve(vertx, Optional.empty(), state);
        JsonNode report = json(get(vertx, server, "/api/runs/r1"));
        assertEquals("manager", report.path("hosts").get(0).path("role").asText());
        assertTrue(report.path("hosts").get(0).path("leader").asBoolean());
        assertEquals("worker", report.path("hosts").get(1).path("role").asText());
        JsonNode overlay = report.path("networks").get(0);
        assertEquals("overlay", overlay.path("driver").asText());
        assertEquals("swarm", overlay.path("scope").asText());
        assertEquals("10.90.0.0/24", overlay.path("subnets").get(0).path("subnet").asText());
        JsonNode cell = report.path("cells").get(0);
        assertEquals(cell.path("id").asText(), cell.path("spec").path("id").asText());
        assertEquals(cell.path("outcome").asText(), cell.path("raw").path("outcome").asText());
    }
}
