package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * http: GET http://target:port/ (java.base's HttpURLConnection, so the agent's runtime needs no
 * java.net.http module); status, time, and who answered when the server is a responder.
 */
public final class HttpProbe implements Probe {
    @Override
    public String kind() {
        return "http";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        long start = System.nanoTime();
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://" + spec.target() + ":" + (spec.port() > 0 ? spec.port() : 80) + "/")
                    .toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(spec.timeoutMs());
            connection.setReadTimeout(spec.timeoutMs());
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            String body;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? "" : new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("status", status);
            timings.put("totalMs", (System.nanoTime() - start) / 1e6);
            String evidence = "HTTP " + status + ", " + body.length() + " bytes";
            if (body.startsWith("{") && body.contains("\"addresses\"")) {
                return ProbeResult.answered(spec, Json.toIdentity(Json.readObject(body)), timings, evidence);
            }
            return ProbeResult.ok(spec, timings, evidence + ": " + body.substring(0, Math.min(120, body.length())));
        } catch (SocketTimeoutException e) {
            return ProbeResult.blocked(spec, "timeout", Map.of("elapsedMs", (System.nanoTime() - start) / 1e6), e.toString());
        } catch (IOException e) {
            return ProbeResult.blocked(spec, Failures.reason(e), Map.of("elapsedMs", (System.nanoTime() - start) / 1e6), e.toString());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
