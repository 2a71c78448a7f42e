package dev.swarmlab.docker;

/**
 * A Docker daemon, as the rest of swarmlab sees it. Only this package knows docker-java; the
 * emulated-hosts kit, deploy and the runner depend on this interface, and tests fake it.
 */
public interface DockerEngine extends AutoCloseable {
    /** The daemon's account of itself (GET /info); throws a SwarmlabException when it does not answer. */
    EngineInfo info();

    @Override
    void close();
}
