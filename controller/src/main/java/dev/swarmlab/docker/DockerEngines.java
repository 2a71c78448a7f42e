package dev.swarmlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.nio.file.Path;
import java.time.Duration;

/** Makes {@link DockerEngine}s; the only place that decides how docker-java reaches a daemon. */
public final class DockerEngines {
    private DockerEngines() {
    }

    /** A daemon on this machine through its unix socket (the emulated hosts' sockets are files here). */
    public static DockerEngine unixSocket(Path socket, Duration callDeadline) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket.toAbsolutePath())
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(callDeadline)
                .responseTimeout(callDeadline)
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        return new DockerJavaEngine(client, socket.toString());
    }
}
