package dev.swarmlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.NotFoundException;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunReport;
import dev.swarmlab.run.StoredCell;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /api/runs/RUN/events: a run as server-sent events while it goes. Polls the run's database
 * (so a run started by `swarmlab run` in another process streams too) and this server's launches:
 * `step` (deploy progress of a run this server started), `progress` (done, total, status),
 * `cell` (each cell once measured, again if a retry changed it), then `end` (status) or `failed`
 * (error, remedy). Polling runs on a worker; the event loop only writes.
 */
final class RunEvents {
    static final long POLL_MS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx;
    private final RunHistory history;
    private final RunLaunches launches;

    RunEvents(Vertx vertx, RunHistory history, RunLaunches launches) {
        this.vertx = vertx;
        this.history = history;
        this.launches = launches;
    }

    /** What one connection has sent so far. */
    private static final class Sent {
        int steps;
        int done = -1;
        String status = "";
        final Map<String, String> cells = new HashMap<>();
        boolean busy;
        boolean closed;
        /** Where the run is recorded, once it is: every later poll reads that one database. */
        Optional<dev.swarmlab.deploy.LabState> state = Optional.empty();
    }

    /** The events one poll found, and whether the stream is over. */
    private record Batch(List<String> events, boolean over) {
    }

    void handle(RoutingContext ctx) {
        String runId = ctx.pathParam("run");
        vertx.executeBlocking(() -> {
            if (launches.get(runId).isEmpty() && history.locate(runId).isEmpty()) {
                throw new NotFoundException("no run " + runId + " in " + "this server's state folder",
                        "list the runs with GET /api/runs, or start one with POST /api/labs/LAB/runs");
            }
            return true;
        }, false).onFailure(ctx::fail).onSuccess(found -> stream(ctx, runId));
    }

    private void stream(RoutingContext ctx, String runId) {
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        response.write(": run " + runId + "\n\n");
        Sent sent = new Sent();
        long timer = vertx.setPeriodic(0, POLL_MS, id -> {
            if (sent.busy || sent.closed) {
                return;
            }
            sent.busy = true;
            vertx.executeBlocking(() -> poll(runId, sent), false).onComplete(done -> {
                sent.busy = false;
                if (sent.closed) {
                    return;
                }
                Batch batch = done.succeeded() ? done.result() : new Batch(List.of(event("failed", failure(done.cause()))), true);
                batch.events().forEach(response::write);
                if (batch.over()) {
                    sent.closed = true;
                    vertx.cancelTimer(id);
                    response.end();
                }
            });
        });
        response.closeHandler(v -> {
            sent.closed = true;
            vertx.cancelTimer(timer);
        });
    }

    private Batch poll(String runId, Sent sent) {
        List<String> events = new ArrayList<>();
        Optional<RunLaunches.Launch> launch = launches.get(runId);
        boolean launchOver = launch.map(RunLaunches.Launch::over).orElse(true);
        if (launch.isPresent()) {
            List<String[]> steps = launch.get().stepsFrom(sent.steps);
            sent.steps += steps.size();
            steps.forEach(s -> events.add(event("step", JSON.createObjectNode().put("host", s[0]).put("message", s[1]))));
        }
        if (sent.state.isEmpty()) {
            sent.state = history.locate(runId);
        }
        Optional<RunHistory.Live> live = sent.state.flatMap(state -> RunHistory.live(state, runId));
        if (live.isPresent()) {
            List<StoredCell> cells = live.get().cells();
            int done = 0;
            for (StoredCell cell : cells) {
                if (cell.verdict() == Verdict.PENDING) {
                    continue;
                }
                done++;
                String seen = cell.verdict() + "/" + cell.result().map(r -> r.outcome() + "/" + r.evidence()).orElse("");
                if (!seen.equals(sent.cells.put(cell.cell().id(), seen))) {
                    events.add(event("cell", RunReport.cellJson(cell)));
                }
            }
            String status = live.get().run().status();
            if (done != sent.done || !status.equals(sent.status)) {
                sent.done = done;
                sent.status = status;
                events.add(event("progress", JSON.createObjectNode().put("done", done).put("total", cells.size()).put("status", status)));
            }
            // A run this server started is over when its thread is (it may have failed before marking the run);
            // any other when its database says so (or its process is gone: "cut off").
            if (launch.isPresent() ? launchOver : !status.equals("running")) {
                Optional<SwarmlabException> failure = launch.flatMap(RunLaunches.Launch::failure);
                events.add(failure.isPresent() ? event("failed", failure(failure.get())) : event("end", JSON.createObjectNode().put("status", status)));
                return new Batch(events, true);
            }
        } else if (launchOver) {
            // Stopped before its first cell was planned: nothing was recorded, so the failure is the whole story.
            events.add(event("failed", failure(launch.flatMap(RunLaunches.Launch::failure).orElse(
                    new SwarmlabException("run " + runId + " ended before it recorded anything")))));
            return new Batch(events, true);
        }
        return new Batch(events, false);
    }

    private static ObjectNode failure(Throwable e) {
        ObjectNode node = JSON.createObjectNode().put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        if (e instanceof SwarmlabException known && known.remedy() != null && !known.remedy().isEmpty()) {
            node.put("remedy", known.remedy());
        }
        return node;
    }

    static String event(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
