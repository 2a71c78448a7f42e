package dev.swarmlab.docker;

/**
 * What a daemon says about itself: its node name (the host's hostname), versions (the engine's, and
 * the newest API it speaks where it was asked: {@link DockerEngine#apiVersion()}, else empty), kernel, the firewall backend it programs (Docker 28.2 and later say it
 * in /info; older ones leave it empty and use iptables), and its place in a swarm (state
 * inactive/active/pending/error; cluster id known on managers).
 */
public record EngineInfo(String hostname, String version, String swarmState, String nodeId, boolean swarmManager,
                         String clusterId, String nodeAddress, String kernelVersion, String operatingSystem,
                         String apiVersion, String firewallBackend) {
    /** A daemon's account without its API version and firewall backend (the tests' fakes). */
    public EngineInfo(String hostname, String version, String swarmState, String nodeId, boolean swarmManager,
                      String clusterId, String nodeAddress, String kernelVersion, String operatingSystem) {
        this(hostname, version, swarmState, nodeId, swarmManager, clusterId, nodeAddress, kernelVersion, operatingSystem, "", "");
    }

    public boolean inSwarm() {
        return "active".equals(swarmState) || "pending".equals(swarmState);
    }

    /** The same account with the API version the daemon gave when asked. */
    public EngineInfo withApiVersion(String api) {
        return new EngineInfo(hostname, version, swarmState, nodeId, swarmManager, clusterId, nodeAddress, kernelVersion, operatingSystem,
                api, firewallBackend);
    }

    /** The same account with the swarm's cluster id filled in. */
    public EngineInfo withClusterId(String id) {
        return new EngineInfo(hostname, version, swarmState, nodeId, swarmManager, id, nodeAddress, kernelVersion, operatingSystem,
                apiVersion, firewallBackend);
    }
}
