package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Route;
import dev.swarmlab.run.RunInfo;
import dev.swarmlab.run.RunStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        return new Cell(id, "ov", "a-h1", "h1", "a-h2", "h2", Route.ADDRESS, "tcp", "10.90.0.3", 7000, Optional.of("a-h2"), Optional.empty(),
                new Expected(Outcome.REACHABLE, "an overlay spans hosts", Expected.Source.RULE));
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
        assertEquals(404, get(vertx, server, "/api/labs/..%2F..%2Fetc/preflight").statusCode(), "no way out of the state folder");
    }
}
