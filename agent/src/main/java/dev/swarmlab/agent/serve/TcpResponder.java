package dev.swarmlab.agent.serve;

import dev.swarmlab.agent.Identity;
import dev.swarmlab.agent.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

    private static void serve(Socket client, Identity identity) {
        try (client) {
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            out.write((Json.write(identity) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = client.getInputStream();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("SINK")) {
                    long received = 0;
                    char[] buffer = new char[64 * 1024];
                    for (int n = lines.read(buffer); n >= 0; n = lines.read(buffer)) {
                        received += n;
                    }
                    out.write((Json.write(Map.of("received", received)) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
