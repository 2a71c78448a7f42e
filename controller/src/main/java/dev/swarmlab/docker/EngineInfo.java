package dev.swarmlab.docker;

/** What a daemon says about itself: its node name (the host's hostname), versions, and swarm state. */
public record EngineInfo(String hostname, String version, String swarmState) {
}
