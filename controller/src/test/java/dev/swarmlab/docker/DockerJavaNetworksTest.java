package dev.swarmlab.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerJavaNetworksTest {
    private final RecordedDaemon daemon = new RecordedDaemon();
    private final DockerJavaNetworks networks = new DockerJavaNetworks(daemon.typed(), daemon.raw());

    @Test
    void networksReadDriverScopeIpamFlagsAndOptions() {
        daemon.on("GET", "/networks", 200, "networks.json");
        List<NetworkState> all = networks.networks();
        assertEquals(List.of("ingress", "svc-overlay", "none", "host", "bridge", "docker_gwbridge"), all.stream().map(NetworkState::name).toList());
        NetworkState overlay = all.get(1);
        assertEquals("overlay", overlay.driver());
        assertEquals("swarm", overlay.scope());
        assertEquals(List.of("10.92.0.0/24"), overlay.subnets());
        assertEquals(List.of("10.92.0.1"), overlay.gateways());
        assertTrue(overlay.attachable());
        assertFalse(overlay.internal());
        assertEquals("4097", overlay.options().get("com.docker.network.driver.overlay.vxlanid_list"));
        assertEquals("services", overlay.labels().get("dev.swarmlab.lab"));
        NetworkState bridge = all.get(4);
        assertEquals(List.of("172.17.0.0/16"), bridge.subnets());
        assertEquals(List.of(), bridge.gateways(), "the default bridge reports no gateway in its IPAM");
        assertEquals("docker0", bridge.options().get("com.docker.network.bridge.name"));
        assertEquals(List.of(), all.get(2).subnets(), "none has no IPAM config");
    }

    @Test
    void endpointsAreTheContainersOfTheInspectWithTheirNames() {
        daemon.on("GET", "/networks/svc-overlay", 200, "network-overlay.json");
        List<Endpoint> endpoints = networks.endpoints("svc-overlay");
        assertEquals(5, endpoints.size());
        assertTrue(endpoints.contains(new Endpoint("lb-svc-overlay", "svc-overlay-endpoint")), endpoints.toString());
        assertTrue(endpoints.stream().anyMatch(e -> e.owner().startsWith("5d5f3b573389") && e.name().equals("services-svc-overlay-h1-a")));
    }

    @Test
    void peersComeFromTheVerboseInspect() {
        daemon.on("GET", "/networks/svc-overlay", 200, "network-overlay-verbose.json");
        assertEquals(List.of("10.250.0.11", "10.250.0.12", "10.250.0.13"), networks.networkPeers("svc-overlay"));
        assertEquals("verbose=true", daemon.only("GET", "/networks/svc-overlay").query());
    }

    @Test
    void anUnknownNetworkIsARefusalInDockersWords() {
        daemon.on("GET", "/networks/no-such-net", 404, "network-missing.json");
        DockerRefusal refused = assertThrows(DockerRefusal.class, () -> networks.inspectNetwork("no-such-net"));
        assertEquals("network no-such-net not found", refused.said());
        DockerRefusal typed = assertThrows(DockerRefusal.class, () -> networks.endpoints("no-such-net"));
        assertEquals("network no-such-net not found", typed.said(), "docker-java's 'Status 404: {...}' wrapping is taken off");
    }

    @Test
    void createSendsIpamOptionsLabelsAndReturnsTheId() throws Exception {
        daemon.on("POST", "/networks/create", 201, "network-create.json");
        String id = networks.createNetwork(new NetworkRequest("lab-bridge", "bridge", Optional.of("10.99.0.0/24"), Optional.of("10.99.0.1"),
                Optional.empty(), false, true, Map.of("com.docker.network.bridge.enable_icc", "false"), Map.of("dev.swarmlab.lab", "x")));
        assertEquals("372858be5ef8ece5047e119c670875f90c5943786469db9cc3b5a737b0aca2eb", id);
        JsonNode body = RawApi.JSON.readTree(daemon.only("POST", "/networks/create").body());
        assertEquals("lab-bridge", body.path("Name").asText());
        assertEquals("10.99.0.0/24", body.path("IPAM").path("Config").path(0).path("Subnet").asText());
        assertEquals("10.99.0.1", body.path("IPAM").path("Config").path(0).path("Gateway").asText());
        assertTrue(body.path("Internal").asBoolean());
        assertEquals("false", body.path("Options").path("com.docker.network.bridge.enable_icc").asText());
        assertTrue(body.path("CheckDuplicate").asBoolean());
    }

    @Test
    void aDuplicateNameIsRefused() {
        daemon.on("POST", "/networks/create", 409, "network-create-duplicate.json");
        DockerRefusal refused = assertThrows(DockerRefusal.class, () -> networks.createNetwork(new NetworkRequest("rec-bridge", "bridge",
                Optional.empty(), Optional.empty(), Optional.empty(), false, false, Map.of(), Map.of())));
        assertEquals("network with name rec-bridge already exists", refused.said());
    }

    @Test
    void pruneFiltersByTheLabelAndNamesWhatItRemoved() {
        daemon.on("POST", "/networks/prune", 200, "network-prune.json");
        assertEquals(List.of("rec-bridge"), networks.pruneNetworks("dev.swarmlab.lab", "services"));
        assertEquals("filters={\"label\":[\"dev.swarmlab.lab=services\"]}", daemon.only("POST", "/networks/prune").query());
    }

    @Test
    void connectSendsTheStaticAddressAndAliasesAndDisconnectForces() throws Exception {
        daemon.on("POST", "/networks/lab-bridge/connect", 200, null).on("POST", "/networks/lab-bridge/disconnect", 200, null);
        networks.connect("agent-a", "lab-bridge", Optional.of("10.99.0.7"), List.of("db", "db-primary"));
        JsonNode connect = RawApi.JSON.readTree(daemon.only("POST", "/networks/lab-bridge/connect").body());
        assertEquals("agent-a", connect.path("Container").asText());
        assertEquals("10.99.0.7", connect.path("EndpointConfig").path("IPAMConfig").path("IPv4Address").asText());
        assertEquals("[\"db\",\"db-primary\"]", connect.path("EndpointConfig").path("Aliases").toString());
        networks.disconnect("agent-a", "lab-bridge");
        JsonNode disconnect = RawApi.JSON.readTree(daemon.only("POST", "/networks/lab-bridge/disconnect").body());
        assertEquals("agent-a", disconnect.path("Container").asText());
        assertTrue(disconnect.path("Force").asBoolean());
    }
}
