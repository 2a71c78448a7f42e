package dev.swarmlab.docker;

/**
 * What a daemon says about itself: its node name (the host's hostname), versions, kernel,
 * and its place in a swarm (state inactive/active/pending/error; cluster id known on managers).
 */
public record EngineInfo(String hostname, String version, String swarmState, String nodeId, boolean swarmManager,
                         String clusterId, String nodeAddress, String kernelVersion, String operatingSystem) {
    public boolean inSwarm() {
        return "active".equals(swarmState) || "pending".equals(swarmState);
    }
}
