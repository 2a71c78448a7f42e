package dev.swarmlab.ssh;

import java.time.Duration;

/**
 * One authenticated SSH connection to a host, reopened if it drops. Only this package knows
 * jsch; the rest of swarmlab uses this interface, and tests fake it.
 */
public interface SshSession extends AutoCloseable {
    /** Runs a command on the host and waits for it to end, at most until the deadline. */
    ExecResult exec(String command, Duration deadline);

    /** A stream to a unix socket on the host (direct-streamlocal); fails if the host's sshd forbids it. */
    SshStream openUnixSocket(String path, Duration deadline);

    /** A command's stdin and stdout as one stream (used for `docker system dial-stdio`). */
    SshStream openCommand(String command, Duration deadline);

    /**
     * Asks the host's sshd to open a TCP connection to address:port (direct-tcpip) and reports how
     * that went: what a firewall between the two hosts lets through, tested without any tool there.
     */
    TcpReach reach(String address, int port, Duration deadline);

    /** user@address, for messages. */
    String target();

    @Override
    void close();

    /** What a TCP connection attempt from a host found. */
    enum TcpReach {
        /** Something accepted the connection. */
        OPEN,
        /** The peer answered with a reset: the path is open, nothing listens there. */
        REFUSED,
        /** No answer: the packets are dropped on the way. */
        TIMEOUT,
        /** Any other failure (no route, forwarding forbidden...). */
        FAILED
    }
}
