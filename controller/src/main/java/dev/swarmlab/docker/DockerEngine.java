package dev.swarmlab.docker;

/**
 * A Docker daemon, as the rest of swarmlab sees it: one interface per kind of resource, and the
 * daemon itself. Only this package knows docker-java; the emulated-hosts kit, deploy and the runner
 * depend on these interfaces (the narrowest one a part needs), and tests fake them.
 * Every method throws a SwarmlabException naming the daemon when the call fails.
 */
public interface DockerEngine extends SwarmApi, NetworkApi, ContainerApi, ServiceApi, ImageApi, ExecApi, AutoCloseable {
    /** Succeeds when the daemon answers GET /_ping: cheap, unlike /info, which runs runc and docker-init. */
    void ping();

    /** The daemon's account of itself (GET /info). */
    EngineInfo info();

    /** The newest API version the daemon speaks (GET /version), which /info leaves out. */
    String apiVersion();

    /** Where this daemon is reached and how, for messages. */
    String endpoint();

    @Override
    void close();
}
