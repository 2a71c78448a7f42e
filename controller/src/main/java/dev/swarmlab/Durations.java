package dev.swarmlab;

import java.time.Duration;
import java.util.Locale;

/** How durations are written for people: "850 ms", "2.4 s", "3 min 05 s". */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
    }

    public static String since(long startNanos) {
        return format(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
