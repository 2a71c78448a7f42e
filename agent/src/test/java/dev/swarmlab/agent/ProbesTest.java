package dev.swarmlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.agent.batch.BatchRelay;
import dev.swarmlab.agent.batch.BatchServer;
import dev.swarmlab.agent.probe.ProbeRegistry;
import dev.swarmlab.agent.probe.ProbeRunner;
import dev.swarmlab.agent.serve.HttpResponder;
import dev.swarmlab.agent.serve.TcpResponder;
import dev.swarmlab.agent.serve.UdpResponder;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every probe kind against real responders and sockets on 127.0.0.1; no Docker. */
class ProbesTest {
    private static final Identity AGENT_A = new Identity("h1", "agent-a", List.of("127.0.0.1"));
    private static ExecutorService threads;
    private static TcpResponder tcp;
    private static UdpResponder udp;
    private static HttpResponder http;

    @BeforeAll
    static void responders() throws Exception {
        threads = Executors.newCachedThreadPool();
        tcp = new TcpResponder(0, AGENT_A, threads);
        udp = new UdpResponder(0, AGENT_A, threads);
        http = new HttpResponder(0, AGENT_A, threads);
    }

    @AfterAll
    static void stop() throws Exception {
        tcp.close();
        udp.close();
        http.close();
        threads.shutdownNow();
    }

    /** Runs the specs through `agent probe` as the controller would and returns the results by id. */
    private static Map<String, Map<String, Object>> probe(String... specs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProbeRunner(ProbeRegistry.standard()).run(new BufferedReader(new StringReader(String.join("\n", specs))),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        Map<String, Map<String, Object>> results = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).strip().split("\n")) {
            Map<String, Object> result = Json.readObject(line);
            results.put(String.valueOf(result.get("id")), result);
        }
        assertEquals(specs.length, results.size(), "one result line per spec: " + out);
        return results;
    }

    @SuppressWarnings("unchecked")
    private static String answeredBy(Map<String, Object> result) {
        return String.valueOf(((Map<String, Object>) result.get("answeredBy")).get("name"));
    }

    @SuppressWarnings("unchecked")
    private static double timing(Map<String, Object> result, String key) {
        return ((Number) ((Map<String, Object>) result.get("timings")).get(key)).doubleValue();
    }

    @Test
    void tcpUdpAndHttpReachTheResponderAndSayWhoAnswered() throws Exception {
        var results = probe(
                "{\"id\":\"t\",\"kind\":\"tcp\",\"target\":\"127.0.0.1\",\"port\":" + tcp.port() + ",\"expect\":\"agent-a\"}",
                "{\"id\":\"u\",\"kind\":\"udp\",\"target\":\"127.0.0.1\",\"port\":" + udp.port() + ",\"count\":3}",
                "{\"id\":\"h\",\"kind\":\"http\",\"target\":\"127.0.0.1\",\"port\":" + http.port() + "}");
        for (String id : List.of("t", "u", "h")) {
            assertEquals("ok", results.get(id).get("outcome"), results.get(id).toString());
            assertEquals("agent-a", answeredBy(results.get(id)));
        }
        assertEquals(0.0, timing(results.get("u"), "lossPercent"));
        assertEquals(200.0, timing(results.get("h"), "status"));
        assertTrue(timing(results.get("t"), "connectMs") >= 0);
    }

    @Test
    void anotherContainerAnsweringIsMisroutedNotOk() throws Exception {
        var result = probe("{\"id\":\"m\",\"kind\":\"tcp\",\"target\":\"127.0.0.1\",\"port\":" + tcp.port() + ",\"expect\":\"agent-b\"}").get("m");
        assertEquals("misrouted", result.get("outcome"));
        assertEquals("answered by agent-a on h1, not agent-b", result.get("reason"));
    }

    @Test
    void aClosedPortIsRefusedAndASilentOneTimesOut() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (DatagramSocket silent = new DatagramSocket(0)) {
            var results = probe(
                    "{\"id\":\"c\",\"kind\":\"tcp\",\"target\":\"127.0.0.1\",\"port\":" + closed + "}",
                    "{\"id\":\"s\",\"kind\":\"udp\",\"target\":\"127.0.0.1\",\"port\":" + silent.getLocalPort() + ",\"count\":2,\"timeoutMs\":300}");
            assertEquals("blocked", results.get("c").get("outcome"));
            assertEquals("refused", results.get("c").get("reason"));
            assertEquals("blocked", results.get("s").get("outcome"));
            assertEquals("timeout", results.get("s").get("reason"));
            assertEquals(100.0, timing(results.get("s"), "lossPercent"));
        }
    }

    @Test
    void dnsResolvesThroughTheSystemResolverOrSaysNoSuchName() throws Exception {
        var results = probe("{\"id\":\"ok\",\"kind\":\"dns\",\"target\":\"localhost\"}",
                "{\"id\":\"no\",\"kind\":\"dns\",\"target\":\"no-such-host.invalid\",\"timeoutMs\":5000}");
        assertEquals("ok", results.get("ok").get("outcome"));
        assertTrue(String.valueOf(results.get("ok").get("evidence")).contains("127.0.0.1"), results.get("ok").toString());
        assertEquals("no such name", results.get("no").get("reason"));
    }

    @Test
    void latencyAndThroughputMeasureOverOneConnection() throws Exception {
        var results = probe(
                "{\"id\":\"l\",\"kind\":\"latency\",\"target\":\"127.0.0.1\",\"port\":" + tcp.port() + ",\"rounds\":50}",
                "{\"id\":\"b\",\"kind\":\"throughput\",\"target\":\"127.0.0.1\",\"port\":" + tcp.port() + ",\"durationMs\":300}");
        assertEquals(50.0, timing(results.get("l"), "rounds"));
        assertTrue(timing(results.get("l"), "p99Ms") >= timing(results.get("l"), "p50Ms"));
        assertTrue(timing(results.get("b"), "mbitPerSecond") > 1, results.get("b").toString());
        assertTrue(timing(results.get("b"), "bytes") > 0);
    }

    @Test
    void icmpEchoesAndAFullSizeDatagramCrossesLoopback() throws Exception {
        var results = probe("{\"id\":\"i\",\"kind\":\"icmp\",\"target\":\"127.0.0.1\",\"count\":3}",
                "{\"id\":\"m\",\"kind\":\"mtu\",\"target\":\"127.0.0.1\",\"port\":" + udp.port() + "}");
        assertEquals("ok", results.get("i").get("outcome"), results.get("i").toString());
        assertEquals(0.0, timing(results.get("i"), "lossPercent"));
        assertEquals("ok", results.get("m").get("outcome"), results.get("m").toString());
        assertEquals(65507.0, timing(results.get("m"), "largestPayload"), "loopback's MTU is 65536: the largest UDP payload crosses whole");
        assertEquals(65536.0, timing(results.get("m"), "interfaceMtu"));
    }

    /**
     * A path that drops datagrams over 1000 bytes and answers every other one twice, the first time late: late and doubled
     * answers must not pass for answers to the larger sizes tried after them.
     */
    @Test
    void lateAndDoubledAnswersDoNotMakeADroppingPathLookWhole() throws Exception {
        try (DatagramSocket lossy = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            threads.execute(() -> {
                byte[] buffer = new byte[65535];
                while (!lossy.isClosed()) {
                    try {
                        DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                        lossy.receive(request);
                        if (request.getLength() > 1000) {
                            continue;
                        }
                        DatagramPacket answer = new DatagramPacket(Arrays.copyOf(buffer, 64), 64,
                                request.getSocketAddress());
                        Thread.sleep(100);
                        lossy.send(answer);
                        lossy.send(answer);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            var results = probe("{\"id\":\"m\",\"kind\":\"mtu\",\"target\":\"127.0.0.1\",\"port\":" + lossy.getLocalPort()
                    + ",\"timeoutMs\":4000}");
            assertEquals("blocked", results.get("m").get("outcome"), results.get("m").toString());
            double largest = timing(results.get("m"), "largestPayload");
            assertTrue(largest >= 64 && largest <= 1000, "the largest that crossed is 1000 at most: " + results.get("m"));
        }
    }

    @Test
    void unknownKindsAndBadLinesAreErrorsNotCrashes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = new ProbeRunner(ProbeRegistry.standard()).run(new BufferedReader(new StringReader(
                "{\"id\":\"x\",\"kind\":\"teleport\",\"target\":\"a\"}\nnot json\n")), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(1, count);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("bad probe spec"), text);
        assertTrue(text.contains("unknown probe kind 'teleport'"), text);
    }

    /** Docker's exec does not always pass stdin's end on, so an empty line ends the batch. */
    @Test
    void anEmptyLineEndsTheBatchEvenWhileStdinStaysOpen() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        BufferedReader input = new BufferedReader(new InputStreamReader(new PipedInputStream(writer), StandardCharsets.UTF_8));
        writer.write(("{\"id\":\"d\",\"kind\":\"dns\",\"target\":\"localhost\"}\n\n").getBytes(StandardCharsets.UTF_8));
        writer.flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new ProbeRunner(ProbeRegistry.standard()).run(input, new PrintStream(out, true, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(1, run.get(20, TimeUnit.SECONDS), "the runner stopped reading at the empty line");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"outcome\":\"ok\""), out.toString(StandardCharsets.UTF_8));
        writer.close();
    }

    @Test
    void aNameThatDoesNotResolveIsBlockedForEveryKind() throws Exception {
        Map<String, Map<String, Object>> results = probe(
                "{\"id\":\"u\",\"kind\":\"udp\",\"target\":\"no-such-host.invalid\",\"port\":7001}",
                "{\"id\":\"t\",\"kind\":\"tcp\",\"target\":\"no-such-host.invalid\",\"port\":7000}",
                "{\"id\":\"i\",\"kind\":\"icmp\",\"target\":\"no-such-host.invalid\"}");
        for (String id : List.of("u", "t", "i")) {
            assertEquals("blocked", results.get(id).get("outcome"), results.get(id).toString());
            assertEquals("no such name", results.get(id).get("reason"), results.get(id).toString());
        }
    }

    /** `agent probe` hands its batch to the serving agent over a unix socket, and probes by itself where none serves. */
    @Test
    void aBatchIsRelayedToTheServingAgentAndRunThere(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("batch.sock");
        assertTrue(!BatchRelay.relay(socket, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()),
                "no server: the caller probes by itself");
        try (var server = new BatchServer(socket, ProbeRegistry.standard(), threads)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String batch = "{\"id\":\"t\",\"kind\":\"tcp\",\"target\":\"127.0.0.1\",\"port\":" + tcp.port() + "}\n";
            assertTrue(BatchRelay.relay(socket, new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8)), out));
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("\"outcome\":\"ok\"") && text.contains("\"name\":\"agent-a\""), text);
        }
    }
}
