package dev.swarmlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.NotFoundException;
import dev.swarmlab.deploy.LabInspection;
import dev.swarmlab.deploy.LabTarget;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabCatalog;
import dev.swarmlab.plan.CellFilter;
import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunInfo;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    private final RunLaunches launches;
    private final RunEvents events;

    private final Optional<Path> inventory;

    Api(Vertx vertx, WebServer.Options options) {
        this.vertx = vertx;
        this.history = new RunHistory(options.stateRoot());
        this.stateRoot = options.stateRoot();
        this.labs = options.labs();
        this.inventory = options.inventory();
        this.launches = new RunLaunches(options.runner(), stateRoot);
        this.events = new RunEvents(vertx, history, launches);
    }

    void mount(Router router) {
        router.get("/api").handler(ctx -> answer(ctx, this::index));
        router.get("/api/openapi.json").handler(ctx -> answer(ctx, Api::openApi));
        router.get("/api/labs").handler(ctx -> answer(ctx, this::labs));
        router.get("/api/labs/:lab/preflight").handler(ctx -> answer(ctx, () -> preflight(Ids.lab(ctx.pathParam("lab")))));
        router.get("/api/labs/:lab/hosts").handler(ctx -> answer(ctx, () -> hosts(Ids.lab(ctx.pathParam("lab")))));
        router.post("/api/labs/:lab/runs").handler(BodyHandler.create().setBodyLimit(65536))
                .handler(ctx -> answer(ctx, () -> start(ctx.pathParam("lab"), ctx.body().asString())));
        router.get("/api/runs/:run/events").handler(events::handle);
        router.get("/api/runs").handler(ctx -> answer(ctx, () -> JSON.valueToTree(history.runs().stream().map(RunInfo::summary).toList())));
        router.get("/api/runs/:run").handler(ctx -> answer(ctx, () -> history.require(Ids.run(ctx.pathParam("run"))).json()));
        router.get("/api/runs/:run/cell").handler(ctx -> answer(ctx, () -> history.cell(Ids.run(ctx.pathParam("run")),
                Ids.cell(required(ctx, "id")))));
        router.get("/api/runs/:before/diff/:after").handler(ctx -> answer(ctx, () -> history.diff(Ids.run(ctx.pathParam("before")),
                Ids.run(ctx.pathParam("after")))));
    }

    private void answer(RoutingContext ctx, Callable<JsonNode> work) {
        vertx.executeBlocking(work, false).onSuccess(json -> ctx.response().setStatusCode(ctx.request().method() == HttpMethod.POST ? 202 : 200)
                .putHeader("Content-Type", "application/json").end(json.toString())).onFailure(ctx::fail);
    }

    private static String required(RoutingContext ctx, String parameter) {
        String value = ctx.request().getParam(parameter);
        if (value == null || value.isBlank()) {
            throw new RequestRefused(400, "the request needs ?" + parameter + "=", "for example ?id= with a cell's id from the run");
        }
        return value;
    }

    /** The OpenAPI document of this API (a test keeps it equal to the routes). */
    static JsonNode openApi() throws IOException {
        try (var in = Api.class.getResourceAsStream(OPENAPI)) {
            return JSON.readTree(in);
        }
    }

    static final String OPENAPI = "/swarmlab/openapi.json";

    private JsonNode index() {
        ObjectNode index = JSON.createObjectNode();
        index.put("openapi", "GET /api/openapi.json");
        index.put("labs", "GET /api/labs");
        index.put("preflight", "GET /api/labs/LAB/preflight");
        index.put("runs", "GET /api/runs");
        index.put("run", "GET /api/runs/RUN");
        index.put("cell", "GET /api/runs/RUN/cell?id=CELL");
        index.put("diff", "GET /api/runs/BEFORE/diff/AFTER");
        index.put("hosts", "GET /api/labs/LAB/hosts");
        index.put("start", "POST /api/labs/LAB/runs {\"networks\":[],\"probes\":[],\"hosts\":[]}");
        index.put("events", "GET /api/runs/RUN/events (text/event-stream: step, progress, cell, end, failed)");
        return index;
    }

    /** The lab's hosts now: reached or not, their swarm nodes (role, state, leader), and the lab's networks on each. */
    private JsonNode hosts(String name) {
        Lab lab = LabCatalog.of(labs).lab(name);
        try (Connections connections = LabRunner.connect(lab, inventory, Progress.SILENT)) {
            LabInspection.Report report = LabInspection.of(lab, connections, LabState.of(stateRoot, lab.name()));
            ObjectNode json = JSON.createObjectNode().put("lab", lab.name()).put("cluster", report.cluster());
            ArrayNode hosts = json.putArray("hosts");
            connections.hosts().forEach(h -> {
                ObjectNode host = hosts.addObject().put("name", h.name()).put("address", h.address())
                        .put("reached", connections.get(h.name()).isPresent());
                Optional.ofNullable(report.unreachable().get(h.name())).ifPresent(why -> host.put("error", why));
            });
            json.set("nodes", JSON.valueToTree(report.nodes()));
            json.set("networks", JSON.valueToTree(report.networks()));
            return json;
        }
    }

    /** Starts a run of the lab; answers at once with its id and where to follow it. */
    private JsonNode start(String name, String body) {
        Lab lab = LabCatalog.of(labs).lab(Ids.lab(name));
        CellFilter filter = RunRequest.parse(body, lab, LabTarget.hostNames(lab, inventory));
        RunLaunches.Launch launch = launches.start(lab, filter);
        return JSON.createObjectNode().put("run", launch.runId).put("lab", launch.lab).put("events", "/api/runs/" + launch.runId + "/events")
                .put("report", "/api/runs/" + launch.runId);
    }

    /** The lab's last preflight findings (check, host, status, evidence, remedy), as its last deploy or run recorded them. */
    private JsonNode preflight(String lab) throws IOException {
        Path file = LabState.of(stateRoot, lab).dir().resolve("preflight.json");
        if (!Files.exists(file)) {
            throw new NotFoundException("no preflight findings for lab " + lab,
                    "deploy or run the lab first (swarmlab deploy LAB)");
        }
        return JSON.readTree(file.toFile());
    }

    /** The lab files in the labs folder, each as its name, description, networks and probes, or the problem reading it. */
    private JsonNode labs() {
        ArrayNode list = JSON.createArrayNode();
        for (LabCatalog.Entry entry : LabCatalog.of(labs).entries()) {
            ObjectNode json = list.addObject().put("file", entry.file().toString());
            entry.lab().ifPresent(lab -> {
                json.put("name", lab.name()).put("description", lab.description());
                ArrayNode networks = json.putArray("networks");
                lab.networks().forEach(n -> networks.addObject().put("name", n.name()).put("driver", n.driver().id()));
                ArrayNode probes = json.putArray("probes");
                lab.probes().forEach(p -> probes.add(p.wire()));
            });
            entry.problem().ifPresent(problem -> json.put("problem", problem));
        }
        return list;
    }
}
