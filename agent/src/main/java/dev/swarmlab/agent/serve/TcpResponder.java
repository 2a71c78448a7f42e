package dev.swarmlab.agent.serve;

import dev.swarmlab.agent.Identity;
import dev.swarmlab.agent.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * TCP responder: greets every connection with the agent's identity (one JSON line), then echoes
 * lines back; after a line "SINK" it counts what arrives until the client stops sending and
 * answers with the byte count (the throughput probe's far end).
 */
public final class TcpResponder implements AutoCloseable {
    private final ServerSocket server;

    public TcpResponder(int port, Identity identity, ExecutorService threads) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(port), 128);
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    threads.execute(() -> serve(client, identity));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Lines are read as bytes, not through a Reader: after "SINK" the same stream carries bulk data,
     * which is counted, never decoded (decoding gigabits of text would measure the CPU, not the path).
     */
    private static void serve(Socket client, Identity identity) {
        try (client) {
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            out.write((Json.write(identity) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(client.getInputStream());
            for (byte[] line = line(in); line != null; line = line(in)) {
                if (new String(line, StandardCharsets.UTF_8).equals("SINK")) {
                    long received = 0;
                    byte[] buffer = new byte[256 * 1024];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        received += n;
                    }
                    out.write((Json.write(Map.of("received", received)) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** One line without its newline, or null at the end of the stream. */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toByteArray();
            }
            line.write(b);
        }
        return line.size() > 0 ? line.toByteArray() : null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
