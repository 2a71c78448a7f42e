package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * `agent probe`: reads probe specs (one JSON object per line) from stdin up to an empty line or
 * the end of input, runs them at once, each with its deadline, and writes one JSON result per
 * line as each finishes. The empty line matters over Docker's exec: an attached stdin's end is
 * not always passed on, so the batch says where it ends.
 */
public final class ProbeRunner {
    private static final int THREADS = 64;
    /** Slack beyond a probe's own timeout before the runner gives up on it. */
    private static final long GRACE_MS = 1000;
    private final ProbeRegistry registry;

    public ProbeRunner(ProbeRegistry registry) {
        this.registry = registry;
    }

    public int run(BufferedReader input, PrintStream output) throws IOException {
        List<ProbeSpec> specs = new ArrayList<>();
        for (String line = input.readLine(); line != null && !line.isBlank(); line = input.readLine()) {
            try {
                specs.add(ProbeSpec.from(Json.readObject(line)));
            } catch (IllegalArgumentException e) {
                emit(output, ProbeResult.error(ProbeSpec.from(Map.of("kind", "?")), "bad probe spec: " + e.getMessage()));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, specs.size())), runnable -> {
            Thread thread = new Thread(runnable, "probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> running = specs.stream().map(spec -> CompletableFuture.supplyAsync(() -> attempt(spec), pool)
                    .completeOnTimeout(ProbeResult.blocked(spec, "timeout", Map.of(), "no result within " + (spec.timeoutMs() + spec.durationMs()
                            + GRACE_MS) + " ms"), spec.timeoutMs() + spec.durationMs() + GRACE_MS, TimeUnit.MILLISECONDS)
                    .thenAccept(result -> emit(output, result))).toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join(); // waits: each completes on its own time-out
        } finally {
            pool.shutdownNow();
        }
        return specs.size();
    }

    private ProbeResult attempt(ProbeSpec spec) {
        return registry.find(spec.kind()).map(probe -> {
            try {
                return probe.run(spec);
            } catch (Exception e) {
                return ProbeResult.error(spec, e.toString());
            }
        }).orElseGet(() -> ProbeResult.error(spec, "unknown probe kind '" + spec.kind() + "'; known: " + registry.kinds()));
    }

    private static void emit(PrintStream output, ProbeResult result) {
        synchronized (output) {
            output.println(result.toJson());
            output.flush();
        }
    }

}
