package dev.swarmlab.system;

import java.time.Duration;
import java.util.List;

/** One external program to run on this machine: its arguments, a deadline, and what it is for. */
public record Command(List<String> argv, Duration deadline, String purpose) {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    public Command {
        argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), DEFAULT_DEADLINE, String.join(" ", argv));
    }

    public Command within(Duration newDeadline) {
        return new Command(argv, newDeadline, purpose);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
