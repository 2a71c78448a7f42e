package dev.swarmlab.docker;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Commands run inside a daemon's running containers (the agents' probes). */
public interface ExecApi {
    /**
     * Runs a command in a running container with {@code stdin} as its input; every line it
     * writes to stdout goes to {@code lines} as it arrives. Gives up at the deadline.
     */
    ExecOutput exec(String container, List<String> command, byte[] stdin, Duration deadline, Consumer<String> lines);
}
