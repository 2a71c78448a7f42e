package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.Deadline;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attack of issue 13, replayed against a server with a token, on loopback, as another program or another site's
 * page would make it: each one is refused with a JSON error, and no run starts.
 */
@ExtendWith(VertxExtension.class)
class AttacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret";
    private static final String START = "/api/labs/drivers/runs";

    @TempDir
    Path state;
    private final AtomicInteger started = new AtomicInteger();
    private WebServer server;
    private Vertx vertx;

    @BeforeEach
    void serve(Vertx vertx) throws Exception {
        this.vertx = vertx;
        Path labs = Files.createDirectories(state.resolve("labs"));
        Files.copy(Path.of("../labs/drivers.yaml"), labs.resolve("drivers.yaml"));
        ScriptedRun.record(state, "20261203-101500-1a2b");
        server = new WebServer(new WebServer.Options("127.0.0.1", 0, Optional.of(TOKEN), state, labs, Optional.empty(),
                (lab, runId, filter, root, progress) -> started.incrementAndGet(), List.of()));
        vertx.deployVerticle(server).await();
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path, String... headers) {
        HttpRequest<Buffer> request = WebClient.create(vertx).request(method, server.port(), "127.0.0.1", path);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.putHeader(headers[i], headers[i + 1]);
        }
        return request;
    }

    private HttpResponse<Buffer> post(String body, String... headers) {
        return request(HttpMethod.POST, START, headers).sendBuffer(Buffer.buffer(body)).await();
    }

    private HttpResponse<Buffer> get(String path, String... headers) {
        return request(HttpMethod.GET, path, headers).send().await();
    }

    private String cookie() {
        return TokenCheck.cookie(server.port()) + "=" + TOKEN;
    }

    /** The answer is a JSON error with this status, a remedy, and nothing of this machine's paths or the server's classes. */
    private JsonNode refused(int status, String response, int actual) throws IOException {
        assertEquals(status, actual, response);
        JsonNode body = JSON.readTree(response.substring(response.indexOf('{')));
        assertEquals(status, body.path("status").asInt(), response);
        assertFalse(body.path("error").asText().isEmpty(), response);
        assertFalse(response.contains(state.toString()) || response.contains("io.vertx") || response.contains("netty")
                || response.contains("SQLITE"), "no paths, classes or database words: " + response);
        return body;
    }

    private JsonNode refused(int status, HttpResponse<Buffer> response) throws IOException {
        assertEquals("application/json", response.getHeader("Content-Type"), response.bodyAsString());
        return refused(status, response.bodyAsString(), response.statusCode());
    }

    private void noRunStarted() {
        assertEquals(0, started.get(), "no run was started");
    }

    @Test
    void aCrossSiteRequestCannotStartARun() throws Exception {
        // A form or a "simple" fetch from another site's page: text/plain, its own Origin, the user's cookie.
        refused(403, post("{}", "Content-Type", "text/plain", "Origin", "http://evil.example", "Cookie", cookie()));
        refused(403, post("{}", "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie()));
        // Even with the right type (a preflighted fetch the server never allows), the Origin is not the page's own.
        JsonNode body = refused(403, post("{}", "Content-Type", "application/json", "Origin", "http://evil.example", "Cookie", cookie()));
        assertTrue(body.path("error").asText().contains("another site"), body.toString());
        // A browser's request without an Origin is not believed to be the page's: the cookie alone is not enough.
        refused(403, post("{}", "Content-Type", "application/json", "Cookie", cookie()));
        noRunStarted();
        // The page itself, and a program with the token in its header, may.
        String own = "http://127.0.0.1:" + server.port();
        assertEquals(202, post("{}", "Content-Type", "application/json", "Origin", own, "Cookie", cookie()).statusCode());
    }

    @Test
    void aProgramWithTheTokenInItsHeaderMayStartARun() {
        HttpResponse<Buffer> response = post("{}", "Content-Type", "application/json; charset=utf-8", "Authorization", "Bearer " + TOKEN);
        assertEquals(202, response.statusCode(), response.bodyAsString());
        // The run's own thread counts itself; the answer comes first.
        Deadline.in(Duration.ofSeconds(10), "the run to start").await(() -> started.get() == 1 ? true : null,
                Duration.ofMillis(20));
    }

    @Test
    void aRebindingPageCannotReadAReportNorReachTheHosts() throws Exception {
        for (String path : List.of("/api/runs", "/api/runs/20261203-101500-1a2b", "/api/labs/drivers/hosts", "/")) {
            JsonNode body = refused(403, get(path, "Host", "evil.example:" + server.port(), "Cookie", cookie()));
            assertTrue(body.path("error").asText().contains("evil.example"), body.toString());
        }
        refused(403, get("/api/runs", "Host", "evil.example", "Authorization", "Bearer " + TOKEN));
        assertEquals(200, get("/api/runs", "Host", "localhost:" + server.port(), "Authorization", "Bearer " + TOKEN).statusCode());
        assertEquals(200, get("/api/runs", "Host", "[::1]:" + server.port(), "Authorization", "Bearer " + TOKEN).statusCode());
    }

    @Test
    void loopbackIsNoPass() throws Exception {
        refused(401, get("/api/runs"));
        refused(401, get("/"));
        refused(401, get("/api/runs", "Authorization", "Bearer wrong"));
        refused(401, post("{}", "Content-Type", "application/json"));
        noRunStarted();
    }

    @Test
    void everyLooseBodyIsRefusedBeforeARunStarts() throws Exception {
        for (String body : List.of("", "null", "[]", "\"x\"", "{\"network\":[\"lab-overlay\"]}", "{\"hosts\":[\"h9\"]}",
                "{\"probes\":[\"tcp\"]} trailing", "{} {}", "{\"networks\":[1]}", "{\"networks\":\"lab-overlay\"}")) {
            JsonNode refused = refused(400, post(body, "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
            assertTrue(refused.path("remedy").asText().contains("{}"), body + ": " + refused);
        }
        noRunStarted();
    }

    @Test
    void conflictingLengthHeadersAreRefused() throws Exception {
        String raw = "POST " + START + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "2\r\n{}\r\n0\r\n\r\n";
        String answer = raw(raw);
        refused(411, answer, status(answer));
        noRunStarted();
    }

    @Test
    void idsNeverReachTheDatabase() throws Exception {
        JsonNode body = refused(400, get("/api/runs/x%00'", "Authorization", "Bearer " + TOKEN));
        assertTrue(body.path("error").asText().contains("is not a run id"), body.toString());
        refused(400, get("/api/runs/x'%20OR%20'1'='1/cell?id=a", "Authorization", "Bearer " + TOKEN));
        refused(400, get("/api/runs/20261203-101500-1a2b/cell?id=%00", "Authorization", "Bearer " + TOKEN));
        refused(400, get("/api/labs/..%2F..%2Fetc/preflight", "Authorization", "Bearer " + TOKEN));
        JsonNode missing = refused(404, get("/api/runs/20991231-000000-0000", "Authorization", "Bearer " + TOKEN));
        assertTrue(missing.path("error").asText().contains("the state folder"), missing.toString());
    }

    @Test
    void errorsOfTheHttpLayerAreJsonToo() throws Exception {
        String port = String.valueOf(server.port());
        String longLine = raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
        refused(414, longLine, status(longLine));
        String bigHeaders = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Big: " + "b".repeat(10_000) + "\r\nConnection: close\r\n\r\n");
        refused(431, bigHeaders, status(bigHeaders));
        String garbage = raw("NOT HTTP AT ALL\r\n\r\n");
        refused(400, garbage, status(garbage));
        String noHost = raw("GET /api/runs HTTP/1.0\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n");
        refused(400, noHost, status(noHost));
        refused(405, request(HttpMethod.DELETE, "/api/runs", "Authorization", "Bearer " + TOKEN).send().await());
        refused(404, get("/no/such/page", "Authorization", "Bearer " + TOKEN));
        String big = "{\"networks\":[\"" + "n".repeat(70_000) + "\"]}";
        refused(413, post(big, "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
        noRunStarted();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (HttpResponse<Buffer> response : List.of(get("/", "Cookie", cookie()), get("/api/runs", "Cookie", cookie()), get("/api/runs"),
                get("/nowhere", "Cookie", cookie()), get("/api/runs", "Host", "evil.example"))) {
            assertEquals("nosniff", response.getHeader("X-Content-Type-Options"), response.bodyAsString());
            assertEquals(SecurityHeaders.POLICY, response.getHeader("Content-Security-Policy"));
            assertTrue(SecurityHeaders.POLICY.contains("default-src 'self'") && SecurityHeaders.POLICY.contains("frame-ancestors 'none'"));
            assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
        }
    }

    @Test
    void theReportIsCompressedForAClientThatAcceptsIt() throws Exception {
        String answer = raw("GET /api/runs/20261203-101500-1a2b HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAuthorization: Bearer "
                + TOKEN + "\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
        assertEquals(200, status(answer));
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-encoding: gzip"), answer.substring(0, answer.indexOf("\r\n\r\n")));
    }

    /** Sends the bytes as they are, and reads the whole answer (the request asks to close, or the server closes). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String answer) {
        assertTrue(answer.startsWith("HTTP/1."), "an HTTP answer: " + answer);
        return Integer.parseInt(answer.substring(9, 12));
    }
}
