package dev.swarmlab;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A point in time by which something must have happened, and the words for what it is, so a
 * timeout always says what was awaited and for how long.
 */
public final class Deadline {
    private final long endNanos;
    private final Duration budget;
    private final String awaited;

    private Deadline(Duration budget, String awaited) {
        this.budget = budget;
        this.awaited = awaited;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    public static Deadline in(Duration budget, String awaited) {
        return new Deadline(budget, awaited);
    }

    public boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public String awaited() {
        return awaited;
    }

    public SwarmlabException timeout() {
        return timeout(null);
    }

    public SwarmlabException timeout(Throwable lastFailure) {
        String message = "timed out after " + Durations.format(budget) + " waiting for " + awaited;
        if (lastFailure != null && lastFailure.getMessage() != null) {
            message += " (last attempt: " + lastFailure.getMessage() + ")";
        }
        return new SwarmlabException(message, lastFailure);
    }

    /**
     * Polls until the supplier returns a non-null value, sleeping between tries.
     * Exceptions from the supplier count as "not yet"; the last one is kept as the cause.
     */
    public <T> T await(Supplier<T> attempt, Duration pollEvery) {
        RuntimeException last = null;
        while (true) {
            try {
                T value = attempt.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (expired()) {
                throw timeout(last);
            }
            pause(pollEvery);
        }
    }

    /** The future's value, waited for until the deadline; its failure as it is (or wrapped, if checked); a time-out that names what was awaited. */
    public <T> T get(Future<T> future) {
        try {
            return future.get(Math.max(1, remaining().toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new SwarmlabException(awaited + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmlabException("interrupted while waiting for " + awaited, e);
        }
    }

    /** Sleeps for the pause, or until the deadline if that comes first; an interrupt ends the wait with an error naming it. */
    public void pause(Duration pause) {
        try {
            Thread.sleep(Math.min(pause.toMillis(), Math.max(1, remaining().toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmlabException("interrupted while waiting for " + awaited, e);
        }
    }
}
