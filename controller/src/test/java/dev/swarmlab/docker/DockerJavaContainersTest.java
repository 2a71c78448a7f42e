package dev.swarmlab.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerJavaContainersTest {
    private static final String CREATED = "eeabdec88ec4697fd55bc0b9672e449bdcefb1c6853aa967074b865a1aa167d9";
    private final RecordedDaemon daemon = new RecordedDaemon();
    private final DockerJavaContainers containers = new DockerJavaContainers(daemon.typed(), daemon.raw());

    private static ContainerRequest agent(List<String> publish) {
        return new ContainerRequest("rec-a", "swarmlab/agent:70e95fb6ba9d", List.of("serve"), Map.of("SWARMLAB_HOST", "h1"),
                Map.of("dev.swarmlab.lab", "services"), "lab-bridge", Optional.of("10.99.0.7"), List.of("db"), publish, false,
                List.of("7001/udp"), List.of("web:www"), List.of("outside:10.250.0.1"), List.of());
    }

    @Test
    void labelledContainersHaveTheirNamesWithoutTheSlash() {
        daemon.on("GET", "/containers/json", 200, "containers-labelled.json");
        List<LabelledObject> found = containers.containers("dev.swarmlab.lab", "services");
        assertEquals(5, found.size());
        assertTrue(found.stream().anyMatch(c -> c.name().equals("services-svc-overlay-h1-a") && c.state().equals("running")
                && "agent".equals(c.labels().get("dev.swarmlab.role"))), found.toString());
        String query = daemon.only("GET", "/containers/json").query();
        assertTrue(query.contains("all=true") && query.contains("\"dev.swarmlab.lab=services\""), query);
    }

    @Test
    void inspectReadsStateLabelsAddressesAndPublishedPorts() {
        daemon.on("GET", "/containers/agent/json", 200, "container-inspect.json").on("GET", "/containers/published/json", 200,
                "container-inspect-published.json");
        ContainerState agent = containers.inspectContainer("agent");
        assertEquals("services-svc-overlay-h1-a", agent.name());
        assertTrue(agent.running());
        assertEquals("running", agent.status());
        assertEquals(Map.of("svc-overlay", "10.92.0.6"), agent.addresses());
        assertEquals(List.of(), agent.ports().get("8080/tcp"), "an exposed port that is not published has no binding");
        assertEquals("svc-overlay", agent.labels().get("dev.swarmlab.network"));
        assertTrue(agent.json().contains("\"Entrypoint\""), "the whole inspect is kept for the evidence");
        ContainerState published = containers.inspectContainer("published");
        assertEquals(List.of("0.0.0.0:18080", ":::18080"), published.ports().get("8080/tcp"));
        assertEquals(Map.of("bridge", "172.17.0.2"), published.addresses());
    }

    @Test
    void runCreatesWithPortsAndTheEndpointThenStarts() throws Exception {
        daemon.on("POST", "/containers/create", 201, "container-create.json").on("POST", "/containers/" + CREATED + "/start", 204, null);
        assertEquals(CREATED, containers.runContainer(agent(List.of("127.0.0.1:18080:8080", "9000/udp"))));
        RecordedDaemon.Sent create = daemon.only("POST", "/containers/create");
        assertEquals("name=rec-a", create.query());
        JsonNode body = RawApi.JSON.readTree(create.body());
        assertEquals("[\"SWARMLAB_HOST=h1\"]", body.path("Env").toString());
        JsonNode host = body.path("HostConfig");
        assertEquals("lab-bridge", host.path("NetworkMode").asText());
        assertEquals("127.0.0.1", host.path("PortBindings").path("8080/tcp").path(0).path("HostIp").asText());
        assertEquals("18080", host.path("PortBindings").path("8080/tcp").path(0).path("HostPort").asText());
        assertEquals("", host.path("PortBindings").path("9000/udp").path(0).path("HostPort").asText(), "a port with no host port gets one");
        assertTrue(body.path("ExposedPorts").has("7001/udp") && body.path("ExposedPorts").has("9000/udp"));
        assertEquals("[\"web:www\"]", host.path("Links").toString());
        assertEquals("[\"outside:10.250.0.1\"]", host.path("ExtraHosts").toString());
        assertTrue(host.path("DnsOptions").isMissingNode(), "no DnsOptions unless the lab gives some");
        JsonNode endpoint = body.path("NetworkingConfig").path("EndpointsConfig").path("lab-bridge");
        assertEquals("10.99.0.7", endpoint.path("IPAMConfig").path("IPv4Address").asText());
        assertEquals("[\"db\"]", endpoint.path("Aliases").toString());
    }

    @Test
    void aContainerThatCannotStartIsRemovedAndTheRefusalKept() {
        daemon.on("POST", "/containers/create", 201, "container-create.json")
                .on("POST", "/containers/" + CREATED + "/start", 500, "container-start-port-taken.json")
                .on("DELETE", "/containers/" + CREATED, 204, null);
        DockerRefusal refused = assertThrows(DockerRefusal.class, () -> containers.runContainer(agent(List.of("18080:8080"))));
        assertTrue(refused.said().endsWith("Bind for 0.0.0.0:18080 failed: port is already allocated"), refused.said());
        assertTrue(refused.getMessage().startsWith("docker run rec-a on recorded h1 failed: driver failed"), refused.getMessage());
        String removal = daemon.only("DELETE", "/containers/" + CREATED).query();
        assertTrue(removal.contains("force=true") && removal.contains("v=true"), removal);
    }

    @Test
    void aMissingImageIsRefusedBeforeAnythingStarts() {
        daemon.on("POST", "/containers/create", 404, "container-create-no-image.json");
        DockerRefusal refused = assertThrows(DockerRefusal.class, () -> containers.runContainer(agent(List.of())));
        assertEquals("No such image: swarmlab/agent:nope", refused.said());
        assertEquals(1, daemon.sent().size(), "no start, no removal: " + daemon.sent());
    }

    @Test
    void logsAreTheFramesPayloads() {
        daemon.on("GET", "/containers/agent/logs", 200, "container-logs.bin");
        assertEquals("agent services-svc-overlay-h1-a on h1 serving tcp 7000, udp 7001, http 8080\n", containers.logs("agent", 5));
        assertEquals("stdout=1&stderr=1&tail=5", daemon.only("GET", "/containers/agent/logs").query());
    }

    @Test
    void stopGivesTheGraceTime() {
        daemon.on("POST", "/containers/agent/stop", 204, null);
        containers.stopContainer("agent", 3);
        assertEquals("t=3", daemon.only("POST", "/containers/agent/stop").query());
    }
}
