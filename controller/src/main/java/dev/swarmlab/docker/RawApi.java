package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.swarmlab.SwarmlabException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Docker API as plain HTTP over docker-java's own transport: for the requests docker-java has no
 * typed call for (DataPathAddr, verbose network inspect, prune's names) or where swarmlab keeps the raw JSON.
 */
final class RawApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private final DockerHttpClient http;
    private final String endpoint;

    RawApi(DockerHttpClient http, String endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    JsonNode get(String what, String path) {
        return json(what, bytes(what, Method.GET, path, null));
    }

    JsonNode post(String what, String path, Object body) {
        return json(what, bytes(what, Method.POST, path, body));
    }

    /** A query parameter's value, URL-encoded ({"label":["k=v"]} and the like). */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode json(String what, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            return text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new SwarmlabException("docker " + what + " on " + endpoint + " answered something that is not JSON: " + text, e);
        }
    }

    /** The answer's body; a status other than 2xx is a {@link DockerRefusal} in the daemon's own words. */
    byte[] bytes(String what, Method method, String path, Object body) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path);
        if (body != null) {
            try {
                request.putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new SwarmlabException("docker " + what + ": cannot encode the request: " + e.getMessage(), e);
            }
        }
        try (DockerHttpClient.Response response = http.execute(request.build())) {
            byte[] bytes = readAll(response.getBody());
            if (response.getStatusCode() / 100 != 2) {
                String said = message(new String(bytes, StandardCharsets.UTF_8));
                throw new DockerRefusal("docker " + what + " on " + endpoint + " failed: HTTP " + response.getStatusCode() + ": " + said, said, null);
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SwarmlabException known) {
                throw known;
            }
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + TypedApi.describe(e), e);
        }
    }

    private static byte[] readAll(InputStream body) throws IOException {
        return body == null ? new byte[0] : body.readAllBytes();
    }

    /** The "message" of the daemon's error JSON, or the text itself when it is not JSON. */
    static String message(String json) {
        try {
            return JSON.readTree(json).path("message").asText(json).strip();
        } catch (IOException e) {
            return json.strip();
        }
    }
}
