package dev.swarmlab.ssh;

import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A TCP port on 127.0.0.1 whose every connection is carried to the host over its own SSH
 * channel, so a local client (docker-java) reaches a remote unix socket. Bound to loopback
 * only: nothing on the network can use it, and no port is opened on the host.
 */
public final class LocalRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Supplier<SshStream> channels;
    private final ExecutorService pumps;
    private final String what;

    private LocalRelay(ServerSocket server, Supplier<SshStream> channels, String what) {
        this.server = server;
        this.channels = channels;
        this.what = what;
        this.pumps = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "relay " + what);
            thread.setDaemon(true);
            return thread;
        });
        pumps.execute(this::acceptLoop);
    }

    /**
     * A relay to the unix socket at path on the host: direct-streamlocal channels when the
     * host's sshd allows them, else `docker system dial-stdio` over exec channels.
     */
    public static LocalRelay toDockerSocket(SshSession session, String path, Duration deadline) {
        Supplier<SshStream> channels;
        String how;
        try {
            session.openUnixSocket(path, deadline).close();
            channels = () -> session.openUnixSocket(path, deadline);
            how = "stream-local forwarding";
        } catch (SwarmlabException forbidden) {
            channels = () -> session.openCommand("docker system dial-stdio", deadline);
            how = "docker system dial-stdio (the host's sshd refused stream-local forwarding: " + forbidden.getMessage() + ")";
        }
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new LocalRelay(server, channels, session.target() + " " + path + " via " + how);
        } catch (IOException e) {
            throw new SwarmlabException("cannot open a loopback port for the Docker tunnel to " + session.target() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** What the relay carries and how, for messages. */
    public String describe() {
        return what;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pumps.execute(() -> carry(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void carry(Socket client) {
        try (client; SshStream channel = channels.get()) {
            client.setTcpNoDelay(true);
            // When the client hangs up, closing the channel ends the other direction too.
            var upstream = pumps.submit(() -> {
                try {
                    return pump(client.getInputStream(), channel.out());
                } finally {
                    channel.close();
                }
            });
            pump(channel.in(), client.getOutputStream());
            upstream.cancel(true);
        } catch (IOException | RuntimeException e) {
            // the client sees its connection close; docker-java reports the failed call
        }
    }

    private static Void pump(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[32 * 1024];
        for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
            to.write(buffer, 0, n);
            to.flush();
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        pumps.shutdownNow();
    }
}
