package dev.swarmlab.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerJavaSwarmTest {
    private final RecordedDaemon daemon = new RecordedDaemon();
    private final DockerJavaSwarm swarm = new DockerJavaSwarm(daemon.typed(), daemon.raw());

    @Test
    void initSendsTheDataPathAddressDockerJavaLacksAndReturnsTheNodeId() throws Exception {
        daemon.on("POST", "/swarm/init", 200, "swarm-init.json");
        assertEquals("r9jxiotxfrfw9waljsnmutcp8", swarm.swarmInit("10.250.0.13", "10.250.0.13", Map.of("dev.swarmlab.lab", "drivers")));
        JsonNode body = RawApi.JSON.readTree(daemon.only("POST", "/swarm/init").body());
        assertEquals("0.0.0.0:2377", body.path("ListenAddr").asText());
        assertEquals("10.250.0.13", body.path("AdvertiseAddr").asText());
        assertEquals("10.250.0.13", body.path("DataPathAddr").asText());
        assertEquals("drivers", body.path("Spec").path("Labels").path("dev.swarmlab.lab").asText());
    }

    @Test
    void aRefusedJoinCarriesTheDaemonsOwnWords() throws Exception {
        daemon.on("POST", "/swarm/join", 500, "swarm-join-bad-token.json");
        DockerRefusal refused = assertThrows(DockerRefusal.class, () -> swarm.swarmJoin("10.250.0.11", "SWMTKN-1-bad", "10.250.0.13", "10.250.0.13"));
        assertEquals("invalid join token", refused.said());
        assertTrue(refused.getMessage().contains("recorded h1"), refused.getMessage());
        JsonNode body = RawApi.JSON.readTree(daemon.only("POST", "/swarm/join").body());
        assertEquals("10.250.0.11:2377", body.path("RemoteAddrs").path(0).asText());
        assertEquals("SWMTKN-1-bad", body.path("JoinToken").asText());
    }

    @Test
    void tokensAndLabelsComeFromTheSwarmsInspect() {
        daemon.on("GET", "/swarm", 200, "swarm.json");
        SwarmTokens tokens = swarm.swarmTokens();
        assertEquals("fm9k6lrh3vdlvec7i41ialn3l", tokens.clusterId());
        assertTrue(tokens.worker().startsWith("SWMTKN-1-3d25kmtv7ec"), tokens.worker());
        assertTrue(tokens.manager().startsWith("SWMTKN-1-") && !tokens.manager().equals(tokens.worker()));
        assertEquals(Map.of("dev.swarmlab.lab", "services"), swarm.swarmLabels());
    }

    @Test
    void nodesGiveHostnameRoleStateLeaderAndAddress() {
        daemon.on("GET", "/nodes", 200, "nodes.json");
        List<SwarmNode> nodes = swarm.nodes();
        assertEquals(List.of("h2", "h3", "h1"), nodes.stream().map(SwarmNode::hostname).toList());
        SwarmNode h1 = nodes.get(2);
        assertEquals(new SwarmNode("vok3c6v5n4o3ir4ln51myay25", "h1", "manager", "ready", "active", true, "10.250.0.11"), h1);
        assertEquals(List.of("worker", "worker"), nodes.subList(0, 2).stream().map(SwarmNode::role).toList());
        assertEquals(List.of(false, false), nodes.subList(0, 2).stream().map(SwarmNode::leader).toList());
    }

    @Test
    void leaveAsksForForceOnlyWhenTold() {
        daemon.on("POST", "/swarm/leave", 200, null);
        swarm.swarmLeave(true);
        swarm.swarmLeave(false);
        assertEquals(List.of("force=true", ""), daemon.sent().stream().map(RecordedDaemon.Sent::query).toList());
    }
}
