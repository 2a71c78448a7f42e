package dev.swarmlab.agent.serve;

import com.sun.net.httpserver.HttpServer;
import dev.swarmlab.agent.Identity;
import dev.swarmlab.agent.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/** HTTP responder (the JDK's own server): every request gets 200 and the agent's identity as JSON. */
public final class HttpResponder implements AutoCloseable {
    private final HttpServer server;

    public HttpResponder(int port, Identity identity, ExecutorService threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 128);
        byte[] body = Json.write(identity).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
