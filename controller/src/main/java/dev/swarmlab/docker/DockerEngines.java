package dev.swarmlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.swarmlab.ssh.LocalRelay;
import dev.swarmlab.ssh.SshSession;
import java.nio.file.Path;
import java.time.Duration;

/** Makes {@link DockerEngine}s; the only place that decides how docker-java reaches a daemon. */
public final class DockerEngines {
    /** Parallel API calls per daemon; over dial-stdio each is an SSH session, and sshd allows 10 by default. */
    private static final int MAX_CONNECTIONS = 8;

    private DockerEngines() {
    }

    /** A daemon on this machine through its unix socket (the emulated hosts' sockets are files here). */
    public static DockerEngine unixSocket(Path socket, Duration callDeadline) {
        return engine("unix://" + socket.toAbsolutePath(), socket.toString(), callDeadline, () -> { });
    }

    /**
     * The host's daemon at /var/run/docker.sock, reached through its SSH session: a loopback-only
     * relay whose connections are stream-local channels (or dial-stdio when sshd forbids those).
     */
    public static DockerEngine overSsh(SshSession session, Duration callDeadline) {
        LocalRelay relay = LocalRelay.toDockerSocket(session, "/var/run/docker.sock", callDeadline);
        return engine("tcp://127.0.0.1:" + relay.port(), relay.describe(), callDeadline, relay);
    }

    private static DockerEngine engine(String dockerHost, String endpoint, Duration callDeadline, AutoCloseable transport) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withDockerTlsVerify(false)
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(callDeadline)
                .responseTimeout(callDeadline)
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        return new DockerJavaEngine(client, http, endpoint, transport);
    }
}
