package dev.swarmlab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Per-host work in parallel on a bounded pool, each item with its own outcome: one host's
 * failure or hang never hides or blocks another's result.
 */
public final class Parallel {
    public static final int MAX_THREADS = 16;

    private Parallel() {
    }

    /** A per-item result: a value, or the error that item ran into. */
    public record Outcome<K, T>(K key, T value, SwarmlabException error) {
        public boolean ok() {
            return error == null;
        }

        public T orThrow() {
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    /** Runs work for every key at once (at most MAX_THREADS); an item still running after the deadline fails with a timeout. */
    public static <K, T> List<Outcome<K, T>> each(List<K> keys, Deadline deadline, Function<K, T> work) {
        if (keys.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(keys.size(), MAX_THREADS), runnable -> {
            Thread thread = new Thread(runnable, "per-host");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = keys.stream().map(key -> pool.submit(() -> work.apply(key))).toList();
            List<Outcome<K, T>> outcomes = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                outcomes.add(await(keys.get(i), futures.get(i), deadline));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <K, T> Outcome<K, T> await(K key, Future<T> future, Deadline deadline) {
        try {
            return new Outcome<>(key, future.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            SwarmlabException error = cause instanceof SwarmlabException known ? known
                    : new SwarmlabException(key + ": unexpected " + cause, cause);
            return new Outcome<>(key, null, error);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome<>(key, null, new SwarmlabException(key + ": " + deadline.timeout().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmlabException("interrupted while waiting for " + key, e);
        }
    }

    /** Runs work for every key at once and throws, with every failure in it, if any item failed. */
    public static <K> void all(List<K> keys, Deadline deadline, String what, Consumer<K> work) {
        List<Outcome<K, Boolean>> failed = each(keys, deadline, key -> {
            work.accept(key);
            return true;
        }).stream().filter(o -> !o.ok()).toList();
        if (!failed.isEmpty()) {
            throw combine(failed, what);
        }
    }

    /** One exception for several failed items, each message and its evidence kept. */
    public static SwarmlabException combine(List<? extends Outcome<?, ?>> failed, String what) {
        if (failed.size() == 1) {
            return failed.get(0).error();
        }
        List<String> evidence = new ArrayList<>();
        for (Outcome<?, ?> outcome : failed) {
            evidence.add(outcome.error().getMessage());
            outcome.error().evidence().forEach(line -> evidence.add("  " + line));
        }
        return new SwarmlabException(failed.size() + " " + what + " failed: "
                + String.join(", ", failed.stream().map(o -> String.valueOf(o.key())).toList()),
                failed.get(0).error().remedy(), evidence, failed.get(0).error());
    }
}
