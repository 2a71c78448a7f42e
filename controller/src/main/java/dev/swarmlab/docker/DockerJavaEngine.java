package dev.swarmlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.util.function.Supplier;

/** {@link DockerEngine} on docker-java; translates its exceptions at this boundary. */
final class DockerJavaEngine implements DockerEngine {
    private final DockerClient client;
    private final String endpoint;

    DockerJavaEngine(DockerClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public EngineInfo info() {
        Info info = call("info", () -> client.infoCmd().exec());
        String swarm = info.getSwarm() == null || info.getSwarm().getLocalNodeState() == null ? "inactive"
                : info.getSwarm().getLocalNodeState().name().toLowerCase(java.util.Locale.ROOT);
        return new EngineInfo(info.getName(), info.getServerVersion(), swarm);
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null && e instanceof java.io.UncheckedIOException ? e.getCause() : e;
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + describe(cause), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing a client that could not connect has nothing to release
        }
    }
}
