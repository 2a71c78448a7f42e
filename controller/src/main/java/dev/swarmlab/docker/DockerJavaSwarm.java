package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Swarm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link SwarmApi} on docker-java; init, join and the swarm's labels go raw (docker-java lacks DataPathAddr and the spec's labels). */
final class DockerJavaSwarm implements SwarmApi {
    private static final String LISTEN = "0.0.0.0:2377";
    private final TypedApi typed;
    private final RawApi raw;

    DockerJavaSwarm(TypedApi typed, RawApi raw) {
        this.typed = typed;
        this.raw = raw;
    }

    @Override
    public String swarmInit(String advertiseAddress, String dataPathAddress, Map<String, String> labels) {
        Map<String, Object> body = addresses(advertiseAddress, dataPathAddress);
        body.put("Spec", Map.of("Labels", labels));
        return raw.post("swarm init", "/swarm/init", body).asText();
    }

    @Override
    public void swarmJoin(String managerAddress, String token, String advertiseAddress, String dataPathAddress) {
        Map<String, Object> body = addresses(advertiseAddress, dataPathAddress);
        body.put("RemoteAddrs", List.of(managerAddress + ":2377"));
        body.put("JoinToken", token);
        raw.post("swarm join", "/swarm/join", body);
    }

    private static Map<String, Object> addresses(String advertiseAddress, String dataPathAddress) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", LISTEN);
        body.put("AdvertiseAddr", advertiseAddress);
        body.put("DataPathAddr", dataPathAddress);
        return body;
    }

    @Override
    public SwarmTokens swarmTokens() {
        Swarm swarm = typed.call("swarm inspect", c -> c.inspectSwarmCmd().exec());
        return new SwarmTokens(swarm.getId(), swarm.getJoinTokens().getWorker(), swarm.getJoinTokens().getManager());
    }

    @Override
    public Map<String, String> swarmLabels() {
        JsonNode labels = raw.get("swarm inspect", "/swarm").path("Spec").path("Labels");
        return Fields.strings(labels);
    }

    @Override
    public void swarmLeave(boolean force) {
        typed.run("swarm leave", c -> c.leaveSwarmCmd().withForceEnabled(force).exec());
    }

    @Override
    public List<SwarmNode> nodes() {
        return typed.call("node ls", c -> c.listSwarmNodesCmd().exec()).stream().map(n -> new SwarmNode(n.getId(),
                n.getDescription() == null ? "" : n.getDescription().getHostname(),
                n.getSpec() == null ? "" : lower(n.getSpec().getRole()),
                n.getStatus() == null ? "" : lower(n.getStatus().getState()),
                n.getSpec() == null ? "" : lower(n.getSpec().getAvailability()),
                n.getManagerStatus() != null && n.getManagerStatus().isLeader(),
                n.getStatus() == null || n.getStatus().getAddress() == null ? "" : n.getStatus().getAddress())).toList();
    }

    private static String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }
}
