package dev.swarmlab.docker;

import java.util.List;
import java.util.Set;

/** A daemon's containers. */
public interface ContainerApi {
    /** Containers (running or not) carrying the label key=value. */
    List<LabelledObject> containers(String labelKey, String labelValue);

    void removeContainer(String id);

    /** The ids of every container the daemon has, running or not. */
    Set<String> containerIds();

    /** Creates and starts a container; returns its id. One that cannot start is removed, not left half-made. */
    String runContainer(ContainerRequest request);

    void startContainer(String container);

    void stopContainer(String container, int graceSeconds);

    /** The last lines a container wrote to stdout and stderr. */
    String logs(String container, int tailLines);

    /** The container's state, addresses and published ports (GET /containers/ID/json). */
    ContainerState inspectContainer(String container);
}
