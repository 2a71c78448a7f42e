package dev.swarmlab.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.ExecOutput;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.image.AgentImage;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a matrix: one `agent probe` exec per source agent, all hosts at once, up to eight execs per
 * host at a time. Each result is judged and stored the moment its line arrives. A dead agent, an
 * unreachable host or an exec past its deadline turns that agent's unmeasured cells into errors
 * with the reason; it never holds up the others.
 */
public final class Runner {
    /** Where each result goes as it is judged: the CLI's progress bar, and later the web page. */
    @FunctionalInterface
    public interface Listener {
        void measured(Cell cell, CellResult result, int done, int total);
    }

    /**
     * Concurrent execs per host. Each starts only a small relay JVM (the probes run in the serving
     * agent), and most of a batch's time is spent waiting for probes that time out, so all of a
     * host's agents can go at once.
     */
    static final int PER_HOST = 8;
    /**
     * Probes that measure a path's capacity run one at a time after the matrix, so that nothing else
     * shares the hosts' CPUs and links while they measure.
     */
    static final Set<ProbeKind> ALONE = Set.of(ProbeKind.THROUGHPUT);
    /** Beyond the slowest probe's own time: the exec's and the agent JVM's start. */
    static final Duration SLACK = Duration.ofSeconds(20);
    /** The most a round's batches may take together before the run says which wait hung (each probe has its own deadline). */
    static final Duration BATCHES = Duration.ofMinutes(30);
    private final RunStore store;
    private final String runId;
    private final Listener listener;
    private final Function<Cell, Optional<String>> broken;

    public Runner(RunStore store, String runId, Listener listener) {
        this(store, runId, listener, cell -> Optional.empty());
    }

    /**
     * @param broken for each cell, the diagnosis of a part of the lab it depends on that did not
     *               converge: its result is then an error with that diagnosis, whatever was observed
     */
    public Runner(RunStore store, String runId, Listener listener, Function<Cell, Optional<String>> broken) {
        this.store = store;
        this.runId = runId;
        this.listener = listener;
        this.broken = broken;
    }

    private final Map<String, CellResult> results = new ConcurrentHashMap<>();
    private final List<String> retried = Collections.synchronizedList(new ArrayList<>());

    /**
     * Runs the cells; then once more the cells that timed out where an answer was expected. The lab
     * has passed the convergence gate by then, so a second try that answers does not excuse the
     * first: the cell is flaky (never matched), with both observations in its evidence; two tries
     * that agree keep their verdict. Returns how long each source's first exec took.
     */
    public Map<String, Duration> run(List<Cell> cells, List<Placed> placed, Connections connections) {
        List<Cell> alone = cells.stream().filter(c -> ALONE.contains(c.probe())).toList();
        AtomicInteger done = new AtomicInteger();
        Map<String, Duration> timings = pass(cells.stream().filter(c -> !alone.contains(c)).toList(), placed, connections, false, done, cells.size());
        for (Cell cell : alone) {
            pass(List.of(cell), placed, connections, false, done, cells.size());
        }
        blameDeadHosts(cells, connections);
        List<Cell> suspects = cells.stream().filter(c -> broken.apply(c).isEmpty() && c.expected().reachable() && Optional.ofNullable(results.get(c.id()))
                .map(r -> r.verdict() == Verdict.UNEXPECTED && r.reason().equals("timeout")).orElse(false)).toList();
        if (!suspects.isEmpty()) {
            pass(suspects, placed, connections, true, new AtomicInteger(), suspects.size());
        }
        return timings;
    }

    /**
     * A host whose Docker stopped answering during the matrix (its daemon died, its machine went away)
     * explains its cells that did not match: they become errors that say so, not findings about Docker's
     * drivers. Cells that matched keep their verdict: they measured what they measured.
     */
    private void blameDeadHosts(List<Cell> cells, Connections connections) {
        Map<String, String> dead = new LinkedHashMap<>();
        Set<String> involved = new TreeSet<>();
        cells.forEach(c -> {
            involved.add(c.sourceHost());
            involved.add(c.targetHost());
        });
        for (String host : involved) {
            Optional<Connection> c = connections.get(host);
            if (c.isEmpty()) {
                continue; // unreachable from the start: its cells are errors already
            }
            try {
                c.get().docker().ping();
            } catch (SwarmlabException e) {
                dead.put(host, e.getMessage());
            }
        }
        if (dead.isEmpty()) {
            return;
        }
        for (Cell cell : cells) {
            CellResult result = results.get(cell.id());
            String host = dead.containsKey(cell.sourceHost()) ? cell.sourceHost() : dead.containsKey(cell.targetHost()) ? cell.targetHost() : null;
            if (host != null && result != null && result.verdict() != Verdict.MATCHED
                    && result.verdict() != Verdict.ERROR) {
                CellResult blamed = result.as(Verdict.ERROR, host + "'s Docker stopped answering during the run ("
                        + dead.get(host) + "): not a finding about Docker's drivers");
                store.record(runId, blamed);
                results.put(cell.id(), blamed);
            }
        }
    }

    /** The cells probed a second time after a timeout, and how many of them then answered: flaky cells. */
    public int retried() {
        return retried.size();
    }

    public int flaky() {
        return (int) retried.stream().filter(id -> results.get(id).verdict() == Verdict.FLAKY).count();
    }

    private Map<String, Duration> pass(List<Cell> cells, List<Placed> placed, Connections connections, boolean retry, AtomicInteger done,
                                       int total) {
        Map<String, List<Cell>> bySource = new LinkedHashMap<>();
        cells.forEach(c -> bySource.computeIfAbsent(c.source(), s -> new ArrayList<>()).add(c));
        Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
        Map<String, Duration> timings = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(bySource.size(), 24)), runnable -> {
            Thread thread = new Thread(runnable, "probe-batch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (Map.Entry<String, List<Cell>> batch : bySource.entrySet()) {
                Optional<Placed> source = placed.stream().filter(p -> p.name().equals(batch.getKey())).findFirst();
                batches.add(pool.submit(() -> {
                    Batch work = new Batch(batch.getValue(), done, total, retry);
                    try {
                        Placed agent = source.orElseThrow(() -> new SwarmlabException("agent " + batch.getKey() + " was not deployed"));
                        Semaphore slots = hosts.computeIfAbsent(agent.host(), h -> new Semaphore(PER_HOST));
                        slots.acquireUninterruptibly(); // waits: for the host's other batches, each bounded by its probes' deadlines
                        try {
                            long start = System.nanoTime();
                            work.run(agent, connections);
                            timings.put(agent.name(), Duration.ofNanos(System.nanoTime() - start));
                        } finally {
                            slots.release();
                        }
                    } catch (SwarmlabException e) {
                        work.failRest(e.getMessage());
                    } catch (RuntimeException e) {
                        work.failRest("unexpected " + e);
                    }
                }));
            }
            // Each batch's probes have their own deadlines; this one only bounds a hang, and names it.
            Deadline round = Deadline.in(BATCHES, "every probe batch of the round to finish (every result measured so far is stored)");
            for (Future<?> batch : batches) {
                round.get(batch);
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return timings;
    }

    /** One source agent's cells: sent as one exec, results taken line by line. */
    private final class Batch {
        private final Map<String, Cell> open = new LinkedHashMap<>();
        private final AtomicInteger done;
        private final int total;

        private final boolean retry;

        Batch(List<Cell> cells, AtomicInteger done, int total, boolean retry) {
            cells.forEach(c -> open.put(c.id(), c));
            this.done = done;
            this.total = total;
            this.retry = retry;
        }

        void run(Placed agent, Connections connections) {
            Connection host = connections.get(agent.host()).orElseThrow(() -> new SwarmlabException("host " + agent.host()
                    + " is not reachable: " + Optional.ofNullable(connections.unreachable().get(agent.host())).map(Throwable::getMessage).orElse("")));
            if (!agent.running()) {
                throw new SwarmlabException("agent " + agent.name() + " is not running on " + agent.host());
            }
            StringBuilder input = new StringBuilder();
            open.values().forEach(c -> input.append(RunStore.json(c.spec())).append('\n'));
            input.append('\n'); // the end of the batch: exec does not always pass stdin's end on
            long longest = open.values().stream().mapToLong(c -> ((Number) c.spec().get("timeoutMs")).longValue()).max().orElse(0);
            ExecOutput output = host.docker().exec(agent.id(), AgentImage.command("probe"), input.toString().getBytes(StandardCharsets.UTF_8),
                    SLACK.plusMillis(longest * 3), this::line);
            if (!open.isEmpty()) {
                failRest(output.timedOut() ? "agent " + agent.name() + " gave no result within " + SLACK.plusMillis(longest * 3).toSeconds() + " s"
                        : "agent " + agent.name() + " exited with " + output.exitCode() + " before answering"
                        + (output.stderr().isEmpty() ? "" : ": " + output.stderr().lines().reduce((a, b) -> b).orElse("")));
            }
        }

        private void line(String line) {
            if (line.isBlank()) {
                return;
            }
            JsonNode result;
            try {
                result = RunStore.JSON.readTree(line);
            } catch (IOException e) {
                return; // not a result line (a JVM warning): the cell stays open and ends as an error if nothing follows
            }
            Cell cell;
            synchronized (open) {
                cell = open.remove(result.path("id").asText());
            }
            if (cell != null) {
                publish(cell, CellResult.judge(cell, result));
            }
        }

        void failRest(String why) {
            List<Cell> rest;
            synchronized (open) {
                rest = List.copyOf(open.values());
                open.clear();
            }
            rest.forEach(cell -> publish(cell, CellResult.error(cell, why)));
        }

        private void publish(Cell cell, CellResult measured) {
            CellResult result = broken.apply(cell).map(why -> measured.as(Verdict.ERROR, why)).orElse(measured);
            if (retry) {
                CellResult second = result.after(results.get(cell.id()));
                store.record(runId, second);
                results.put(cell.id(), second);
                retried.add(cell.id());
                return;
            }
            store.record(runId, result);
            results.put(cell.id(), result);
            listener.measured(cell, result, done.incrementAndGet(), total);
        }
    }
}
