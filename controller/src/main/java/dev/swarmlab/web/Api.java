package dev.swarmlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunInfo;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The read side of the REST API (documented in the README): labs, runs, one run, one cell, and
 * the difference between two runs. Each answer is computed on a worker thread.
 */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx;
    private final RunHistory history;
    private final Path labs;
    private final Path stateRoot;

    Api(Vertx vertx, Path stateRoot, Path labs) {
        this.vertx = vertx;
        this.history = new RunHistory(stateRoot);
        this.stateRoot = stateRoot;
        this.labs = labs;
    }

    void mount(Router router) {
        router.get("/api").handler(ctx -> answer(ctx, this::index));
        router.get("/api/labs").handler(ctx -> answer(ctx, this::labs));
        router.get("/api/labs/:lab/preflight").handler(ctx -> answer(ctx, () -> preflight(ctx.pathParam("lab"))));
        router.get("/api/runs").handler(ctx -> answer(ctx, () -> JSON.valueToTree(history.runs().stream().map(RunInfo::summary).toList())));
        router.get("/api/runs/:run").handler(ctx -> answer(ctx, () -> history.require(ctx.pathParam("run")).json()));
        router.get("/api/runs/:run/cell").handler(ctx -> answer(ctx, () -> history.cell(ctx.pathParam("run"), required(ctx, "id"))));
        router.get("/api/runs/:before/diff/:after").handler(ctx -> answer(ctx, () -> history.diff(ctx.pathParam("before"),
                ctx.pathParam("after"))));
    }

    private void answer(RoutingContext ctx, Callable<JsonNode> work) {
        vertx.executeBlocking(work, false).onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json")
                .end(json.toString())).onFailure(ctx::fail);
    }

    private static String required(RoutingContext ctx, String parameter) {
        String value = ctx.request().getParam(parameter);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the request needs ?" + parameter + "=, for example ?id= with a cell's id from the run");
        }
        return value;
    }

    private JsonNode index() {
        ObjectNode index = JSON.createObjectNode();
        index.put("labs", "GET /api/labs");
        index.put("preflight", "GET /api/labs/LAB/preflight");
        index.put("runs", "GET /api/runs");
        index.put("run", "GET /api/runs/RUN");
        index.put("cell", "GET /api/runs/RUN/cell?id=CELL");
        index.put("diff", "GET /api/runs/BEFORE/diff/AFTER");
        return index;
    }

    /** The lab's last preflight findings (check, host, status, evidence, remedy), as its last deploy or run recorded them. */
    private JsonNode preflight(String lab) throws IOException {
        Path file = dev.swarmlab.deploy.LabState.of(stateRoot, lab).dir().resolve("preflight.json");
        if (!lab.matches("[a-z0-9][a-z0-9_.-]{0,39}") || !Files.exists(file)) {
            throw new dev.swarmlab.NotFoundException("no preflight findings for lab " + lab + " in " + stateRoot,
                    "deploy or run the lab first (swarmlab deploy LAB)");
        }
        return JSON.readTree(file.toFile());
    }

    /** The lab files in the labs folder, each as its name, description, networks and probes, or the problem reading it. */
    private JsonNode labs() throws IOException {
        ArrayNode list = JSON.createArrayNode();
        if (!Files.isDirectory(labs)) {
            return list;
        }
        try (var files = Files.list(labs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                ObjectNode entry = list.addObject().put("file", file.toString());
                try {
                    Lab lab = LabFile.read(file);
                    entry.put("name", lab.name()).put("description", lab.description());
                    ArrayNode networks = entry.putArray("networks");
                    lab.networks().forEach(n -> networks.addObject().put("name", n.name()).put("driver", n.driver().id()));
                    ArrayNode probes = entry.putArray("probes");
                    lab.probes().forEach(probes::add);
                } catch (SwarmlabException e) {
                    entry.put("problem", e.getMessage());
                }
            }
        }
        return list;
    }
}
