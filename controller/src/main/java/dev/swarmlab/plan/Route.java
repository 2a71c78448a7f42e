package dev.swarmlab.plan;

/** How a probe cell aims at its target. */
public enum Route {
    /** a peer on the same network, by its address on it */
    ADDRESS("by address"),
    /** a peer on the same network, by its container name or alias */
    NAME("by name"),
    /** a container linked with --link NAME:ALIAS, by the alias */
    LINK("by link alias"),
    /** a container on another network of the same host, by its address */
    ISOLATION("other network"),
    /** the source's own host, at the host's address */
    HOST("to host"),
    /** the source's own host, by the name host.docker.internal */
    HOST_NAME("host.docker.internal"),
    /** the container itself, as localhost */
    SELF("localhost"),
    /** an HTTP endpoint beyond the lab's hosts ("the internet") */
    OUTSIDE("to outside"),
    /** a workload's published port, through its host's address */
    PUBLISHED("published port"),
    /** a port a workload listens on but does not publish, tried at its host's address */
    UNPUBLISHED("unpublished port"),
    /** a container's address, at a port it publishes, from another host given a route to it through the container's host */
    DIRECT("routed, published"),
    /** a container's address, at a port it listens on without publishing it, from another host given a route to it */
    DIRECT_UNPUBLISHED("routed, unpublished"),
    /** a Swarm service by its name (its VIP, or its tasks' addresses in dnsrr mode) */
    SERVICE("service name"),
    /** a Swarm service's tasks, by the name tasks.NAME */
    TASKS("tasks.NAME");

    private final String label;

    Route(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
