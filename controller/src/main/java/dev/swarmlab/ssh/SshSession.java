package dev.swarmlab.ssh;

import java.time.Duration;

/**
 * One authenticated SSH connection to a host. Only this package knows jsch; the rest of
 * swarmlab uses this interface, and tests fake it.
 */
public interface SshSession extends AutoCloseable {
    /** Runs a command on the host and waits for it to end, at most until the deadline. */
    ExecResult exec(String command, Duration deadline);

    /** user@address, for messages. */
    String target();

    @Override
    void close();
}
