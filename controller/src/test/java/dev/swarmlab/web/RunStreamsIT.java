package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.Trees;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 50 event streams of one live run of 1,008 cells (the scripted run, 14 times over, a cell every 3 ms): every stream gets
 * every cell once and the end, all from the one feed of the run; a client that connects and never reads is dropped (its
 * connection closed, with what the bounded buffers held) while the others go on.
 */
class RunStreamsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "streams-it";
    private static final int STREAMS = 50;
    private static final int COPIES = 14;
    private static Path state;
    private static Vertx vertx;
    private static WebServer server;

    @BeforeAll
    static void serve() throws Exception {
        // A small queue and a short stall, so that the reader that never reads is found out within the run.
        System.setProperty("swarmlab.events.queue.bytes", "16384");
        System.setProperty("swarmlab.events.stall.ms", "2000");
        state = Files.createTempDirectory("swarmlab-streams-it");
        Path labs = Files.createDirectories(state.resolve("labs"));
        Files.copy(Path.of("../labs/drivers.yaml"), labs.resolve("drivers.yaml"));
        vertx = Vertx.vertx();
        server = new WebServer(new WebServer.Options("127.0.0.1", 0, Optional.of(TOKEN), state, labs, Optional.empty(),
                new ScriptedRun(3, COPIES), List.of()));
        vertx.deployVerticle(server).await();
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("swarmlab.events.queue.bytes");
        System.clearProperty("swarmlab.events.stall.ms");
        vertx.close().await();
        Trees.delete(state);
    }

    /** What one stream received: the cell ids, in order, and the last event's name. */
    private record Received(List<String> cells, String last) {
    }

    @Test
    void fiftyStreamsOfALiveRunEachGetEveryCellAndTheEndWhileOneThatDoesNotReadIsDropped() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/labs/drivers/runs"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, started.statusCode(), started.body());
        String run = JSON.readTree(started.body()).path("run").asText();

        // The one that never reads: a small receive window, and not a byte taken from it.
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
        stalled.getOutputStream().write(("GET /api/runs/" + run + "/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        List<CompletableFuture<Received>> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + run + "/events"))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofLines())
                    .thenApply(response -> {
                        List<String> cells = new ArrayList<>();
                        String[] last = {""};
                        String[] name = {""};
                        response.body().forEach(line -> {
                            if (line.startsWith("event: ")) {
                                name[0] = line.substring(7);
                                last[0] = name[0];
                            } else if (line.startsWith("data: ") && name[0].equals("cell")) {
                                try {
                                    cells.add(JSON.readTree(line.substring(6)).path("id").asText());
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }
                        });
                        return new Received(cells, last[0]);
                    }));
        }
        int total = ScriptedRun.cells().size() * COPIES;
        for (CompletableFuture<Received> stream : streams) {
            Received received = stream.get(3, TimeUnit.MINUTES);
            assertEquals("end", received.last(), "the stream ends with the run");
            assertEquals(total, received.cells().size(), "every cell once");
            Set<String> distinct = new HashSet<>(received.cells());
            assertEquals(total, distinct.size(), "no cell twice");
        }

        // The stalled one: its connection is closed by the server; what it got ends with the drop's message.
        stalled.setSoTimeout(30_000);
        InputStream in = stalled.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            got.write(buffer, 0, n); // until the server closes it: a time-out here is a stream never dropped
        }
        stalled.close();
        String text = got.toString(StandardCharsets.UTF_8);
        long cells = text.lines().filter(l -> l.equals("event: cell")).count();
        assertTrue(cells < total && !text.contains("event: end"), "dropped before the end: " + cells + " cells of " + total
                + " sent ahead, within the bounded buffers (" + got.size() + " bytes)");
        JsonNode report = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + run))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(total, report.path("cells").size());
    }
}
