package dev.swarmlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Docker daemon that answers from recorded responses (src/test/resources/docker/recorded, taken with
 * curl from Docker 20.10.24 on the emulated hosts while the services lab was deployed) and keeps every
 * request it was sent, so that a test checks both what swarmlab reads and what it asks for.
 */
final class RecordedDaemon implements DockerHttpClient {
    /** One request as the daemon received it. */
    record Sent(String method, String path, String query, String body, String stdin) {
    }

    private record Answer(int status, String file) {
    }

    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final List<Sent> sent = new ArrayList<>();

    /** Answers METHOD PATH (no query) with the recorded file and status; a request nobody answers gets a 599. */
    RecordedDaemon on(String method, String path, int status, String file) {
        answers.put(method + " " + path, new Answer(status, file));
        return this;
    }

    List<Sent> sent() {
        return sent;
    }

    /** The one request sent to METHOD PATH. */
    Sent only(String method, String path) {
        List<Sent> matching = sent.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + ", sent: " + sent);
        }
        return matching.get(0);
    }

    TypedApi typed() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("tcp://recorded.invalid:2375").withDockerTlsVerify(false).build();
        DockerClient client = DockerClientImpl.getInstance(config, this);
        return new TypedApi(client, "recorded h1");
    }

    RawApi raw() {
        return new RawApi(this, "recorded h1");
    }

    static byte[] recorded(String file) {
        try (InputStream in = RecordedDaemon.class.getResourceAsStream("/docker/recorded/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no recorded response " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Response execute(Request request) {
        String full = request.path().replaceFirst("^/v1\\.\\d+", "");
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        String query = q < 0 ? "" : URLDecoder.decode(full.substring(q + 1), StandardCharsets.UTF_8);
        String body = "";
        try {
            InputStream in = request.body();
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stdin = "";
        try (InputStream hijacked = request.hijackedInput()) {
            stdin = hijacked == null ? "" : new String(hijacked.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sent.add(new Sent(request.method(), path, query, body, stdin));
        Answer answer = answers.get(request.method() + " " + path);
        byte[] bytes = answer == null ? ("{\"message\":\"nothing recorded for " + request.method() + " " + path + "\"}").getBytes(StandardCharsets.UTF_8)
                : answer.file() == null ? new byte[0] : recorded(answer.file());
        int status = answer == null ? 599 : answer.status();
        return new Response() {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public Map<String, List<String>> getHeaders() {
                return Map.of("Content-Type", List.of("application/json"));
            }

            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public void close() {
        // nothing held
    }
}
