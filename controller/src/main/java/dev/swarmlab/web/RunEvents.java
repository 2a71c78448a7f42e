package dev.swarmlab.web;

import dev.swarmlab.NotFoundException;
import dev.swarmlab.run.RunHistory;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * GET /api/runs/RUN/events: a run as server-sent events while it goes, from its database (so a run started by
 * `swarmlab run` in another process streams too) and this server's launches: `step` (deploy progress of a run this
 * server started), `progress` (done, total, status), `cell` (each cell once measured, again if a retry changed it), then
 * `end` (status) or `failed` (error, remedy); `dropped` if the client stopped reading. All streams of one run share one
 * {@link RunFeed}; at most {@link RunFeed#MAX_STREAMS} of them. The feeds live on the event loop.
 */
final class RunEvents {
    private final Vertx vertx;
    private final RunHistory history;
    private final RunLaunches launches;
    private final Map<String, RunFeed> feeds = new HashMap<>();

    RunEvents(Vertx vertx, RunHistory history, RunLaunches launches) {
        this.vertx = vertx;
        this.history = history;
        this.launches = launches;
    }

    void handle(RoutingContext ctx) {
        String runId = Ids.run(ctx.pathParam("run"));
        vertx.executeBlocking(() -> {
            if (launches.get(runId).isEmpty() && history.locate(runId).isEmpty()) {
                throw new NotFoundException("no run " + runId + " in this server's state folder",
                        "list the runs with GET /api/runs, or start one with POST /api/labs/LAB/runs");
            }
            return true;
        }, false).onFailure(ctx::fail).onSuccess(found -> {
            RunFeed feed = feeds.get(runId);
            if (feed == null) {
                RunFeed created = new RunFeed(vertx, runId, history, launches, () -> feeds.remove(runId));
                feeds.put(runId, created);
                feed = created;
            }
            if (feed.streams() >= RunFeed.MAX_STREAMS) {
                ctx.fail(new RequestRefused(429, "run " + runId + " has " + RunFeed.MAX_STREAMS + " open event streams already",
                        "close some of the pages that follow it, or read GET /api/runs/" + runId + " instead"));
                return;
            }
            feed.add(ctx.response(), ctx.request().connection());
        });
    }
}
