package dev.swarmlab.agent.batch;

import dev.swarmlab.agent.probe.ProbeRegistry;
import dev.swarmlab.agent.probe.ProbeRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * Runs probe batches inside the serving agent, handed over on a unix socket in the container's
 * own filesystem: `agent probe` (what the controller execs) only relays its stdin here and the
 * results back. A JVM that merely relays starts in half the time of one that probes, and the
 * probes run in a process whose code is already loaded and compiled. The socket is a file, not
 * a port: nothing outside the container can reach it, only an exec.
 */
public final class BatchServer implements AutoCloseable {
    public static final Path SOCKET = Path.of("/tmp/swarmlab-agent.sock");
    private final ServerSocketChannel server;

    public BatchServer(Path socket, ProbeRegistry registry, ExecutorService threads) throws IOException {
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        threads.execute(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    threads.execute(() -> run(client, registry));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void run(SocketChannel client, ProbeRegistry registry) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            PrintStream out = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8);
            new ProbeRunner(registry).run(in, out);
            out.flush();
        } catch (IOException e) {
            // the relay went away (its exec was cut off): nobody is left to tell
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
