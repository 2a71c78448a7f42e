package dev.swarmlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.Durations;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunInfo;
import dev.swarmlab.run.RunReport;
import dev.swarmlab.run.RunStore;
import dev.swarmlab.run.RunStores;
import dev.swarmlab.run.StoredCell;
import dev.swarmlab.session.LabState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's events, read once for all of its streams. A single poller reads, on a worker thread, only what changed since
 * it last looked (the launch's new steps, the cells with a newer change number, the counts and the status) and appends
 * the events to the run's log; each stream writes the log from where it stands, as fast as its client reads. A stream
 * whose client stops reading (its write queue full for 20 s) is dropped with a message. The event loop owns the
 * log and the streams; the worker owns what the poller has read.
 */
final class RunFeed {
    static final long POLL_MS = 400;
    /** At most this many open streams per run. */
    static final int MAX_STREAMS = 100;
    /** What a connection may hold unread before it waits for its client (a test may make it smaller). */
    private final int queueBytes = Integer.getInteger("swarmlab.events.queue.bytes", 256 * 1024);
    /** How long a client may leave its stream unread before it is dropped (a test may make it shorter). */
    private final Duration stall = Duration.ofMillis(Long.getLong("swarmlab.events.stall.ms", 20_000));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final String runId;
    private final RunHistory history;
    private final RunLaunches launches;
    private final Runnable gone;
    private final List<String> log = new ArrayList<>();
    private final List<Stream> streams = new ArrayList<>();
    private boolean over;
    private boolean busy;
    private long timer = -1;
    // Read and written by the poller only, one poll at a time.
    private int steps;
    private long upTo;
    private int done = -1;
    private String status = "";
    private final Map<String, String> sent = new HashMap<>();
    private RunStore store;

    /** {@code gone} is called on the event loop once the feed has no stream left (it ended, or every client went). */
    RunFeed(Vertx vertx, String runId, RunHistory history, RunLaunches launches, Runnable gone) {
        this.vertx = vertx;
        this.runId = runId;
        this.history = history;
        this.launches = launches;
        this.gone = gone;
    }

    int streams() {
        return streams.size();
    }

    /** A new stream of the run: it gets every event so far, then each new one. */
    void add(HttpServerResponse response, HttpConnection connection) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(queueBytes);
        response.write(": run " + runId + "\n\n");
        Stream stream = new Stream(response, connection);
        streams.add(stream);
        response.closeHandler(v -> stream.closed());
        if (timer < 0 && !over) {
            timer = vertx.setPeriodic(0, POLL_MS, id -> poll());
        }
        stream.pump();
    }

    private void poll() {
        if (busy || over) {
            return;
        }
        busy = true;
        vertx.executeBlocking(this::read, false).onComplete(read -> {
            busy = false;
            if (over) {
                return; // every stream went while this poll read: nothing more to send
            }
            if (read.succeeded()) {
                log.addAll(read.result().events());
                over = read.result().over();
            } else {
                log.add(event("failed", failure(read.cause())));
                over = true;
            }
            if (over) {
                stop();
            }
            List.copyOf(streams).forEach(Stream::pump);
        });
    }

    private void stop() {
        over = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void removed(Stream stream) {
        streams.remove(stream);
        if (streams.isEmpty()) {
            if (!over) {
                stop(); // nobody reads it any more; a new stream starts a new feed
            }
            gone.run();
        }
    }

    /** The events one poll found, and whether the run is over. */
    private record Batch(List<String> events, boolean over) {
    }

    private Batch read() {
        List<String> events = new ArrayList<>();
        Optional<RunLaunches.Launch> launch = launches.get(runId);
        // Whether the launch is over is read before the database: a run that ended has written its last cell by then.
        boolean launchOver = launch.map(RunLaunches.Launch::over).orElse(true);
        if (launch.isPresent()) {
            List<String[]> newSteps = launch.get().stepsFrom(steps);
            steps += newSteps.size();
            newSteps.forEach(s -> events.add(event("step", JSON.createObjectNode().put("host", s[0]).put("message", s[1]))));
        }
        if (store == null) {
            store = history.locate(runId).map(LabState::runs).map(RunStores::shared).orElse(null);
        }
        Optional<RunInfo> run = store == null ? Optional.empty() : store.run(runId);
        if (run.isPresent()) {
            RunStore.Changes changes = store.changes(runId, upTo);
            upTo = changes.upTo();
            for (StoredCell cell : changes.cells()) {
                String seen = cell.verdict() + "/" + cell.result().map(r -> r.outcome() + "/" + r.evidence()).orElse("");
                if (cell.verdict() != Verdict.PENDING && !seen.equals(sent.put(cell.cell().id(), seen))) {
                    events.add(event("cell", RunReport.cellJson(cell)));
                }
            }
            String now = run.get().status();
            if (changes.done() != done || !now.equals(status)) {
                done = changes.done();
                status = now;
                events.add(event("progress", JSON.createObjectNode().put("done", done).put("total", changes.total()).put("status", status)));
            }
            // A run this server started is over when its thread is (it may have failed before marking the run);
            // any other when its database says so (or its process is gone: "cut off").
            if (launch.isPresent() ? launchOver : !status.equals("running")) {
                Optional<SwarmlabException> failed = launch.flatMap(RunLaunches.Launch::failure);
                events.add(failed.isPresent() ? event("failed", failure(failed.get())) : event("end", JSON.createObjectNode().put("status", status)));
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

    /** One client's stream: where it stands in the log, and whether it waits for its client to read. */
    private final class Stream {
        private final HttpServerResponse response;
        private final HttpConnection connection;
        private int next;
        private long waiting = -1;
        private boolean ended;

        Stream(HttpServerResponse response, HttpConnection connection) {
            this.response = response;
            this.connection = connection;
        }

        void pump() {
            while (!ended && next < log.size() && !response.writeQueueFull()) {
                response.write(log.get(next++));
            }
            if (ended) {
                return;
            }
            if (response.writeQueueFull()) {
                if (waiting < 0) {
                    waiting = vertx.setTimer(stall.toMillis(), t -> drop());
                    response.drainHandler(v -> {
                        vertx.cancelTimer(waiting);
                        waiting = -1;
                        pump();
                    });
                }
            } else if (over && next == log.size()) {
                ended = true;
                response.end();
                removed(this);
            }
        }

        /** Its client has not read for the stall time: the stream is dropped, saying so, and its connection closed. */
        private void drop() {
            if (ended) {
                return;
            }
            ended = true;
            response.write(event("dropped", JSON.createObjectNode().put("error", "this stream was not read for "
                    + Durations.format(stall) + " and was dropped").put("remedy", "open it again: it starts from the run's first event")));
            response.end();
            connection.close();
            removed(this);
        }

        void closed() {
            if (!ended) {
                ended = true;
                if (waiting >= 0) {
                    vertx.cancelTimer(waiting);
                }
                removed(this);
            }
        }
    }

    static ObjectNode failure(Throwable e) {
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
