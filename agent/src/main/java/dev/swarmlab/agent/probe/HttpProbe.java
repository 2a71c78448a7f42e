package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** http: GET http://target:port/ with the JDK's client; status, time, and who answered when it is a responder. */
public final class HttpProbe implements Probe {
    @Override
    public String kind() {
        return "http";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(spec.timeoutMs())).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + spec.target() + ":" + (spec.port() > 0 ? spec.port() : 80) + "/"))
                .timeout(Duration.ofMillis(spec.timeoutMs())).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("status", response.statusCode());
            timings.put("totalMs", (System.nanoTime() - start) / 1e6);
            String body = response.body();
            String evidence = "HTTP " + response.statusCode() + ", " + body.length() + " bytes";
            if (body.startsWith("{") && body.contains("\"addresses\"")) {
                return ProbeResult.answered(spec, Json.toIdentity(Json.readObject(body)), timings, evidence);
            }
            return ProbeResult.ok(spec, timings, evidence + ": " + body.substring(0, Math.min(120, body.length())));
        } catch (HttpTimeoutException e) {
            return ProbeResult.blocked(spec, "timeout", Map.of("elapsedMs", (System.nanoTime() - start) / 1e6), e.toString());
        } catch (IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return ProbeResult.blocked(spec, Failures.reason(cause), Map.of("elapsedMs", (System.nanoTime() - start) / 1e6), e.toString());
        }
    }
}
