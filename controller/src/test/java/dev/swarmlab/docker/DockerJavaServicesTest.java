package dev.swarmlab.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerJavaServicesTest {
    private final RecordedDaemon daemon = new RecordedDaemon()
            .on("GET", "/networks", 200, "networks.json").on("GET", "/nodes", 200, "nodes.json");
    private final DockerJavaServices services = new DockerJavaServices(daemon.typed(), daemon.raw(),
            new DockerJavaNetworks(daemon.typed(), daemon.raw()), new DockerJavaSwarm(daemon.typed(), daemon.raw()));

    @Test
    void inspectNamesVipsByNetworkAndTasksByHostname() {
        daemon.on("GET", "/services/web", 200, "service-web.json").on("GET", "/tasks", 200, "tasks-web.json");
        ServiceState web = services.inspectService("web");
        assertEquals("k2tnl90pmyfbxswl49q5kqa8g", web.id());
        assertEquals(Map.of("ingress", "10.0.0.5", "svc-overlay", "10.92.0.11"), web.vips());
        assertEquals(List.of(8088), web.publishedTcp());
        assertEquals(List.of("h1", "h3", "h2"), web.tasks().stream().map(ServiceState.Task::node).toList());
        ServiceState.Task first = web.tasks().get(0);
        assertEquals("running", first.state());
        assertTrue(first.container().startsWith("9483b8f93bee"), first.container());
        assertEquals(Map.of("ingress", "10.0.0.6", "svc-overlay", "10.92.0.12"), first.addresses());
        assertEquals("filters={\"service\":{\"web\":true}}", daemon.only("GET", "/tasks").query());
    }

    @Test
    void labelledServicesKeepTheirSpecsLabels() {
        daemon.on("GET", "/services", 200, "services-labelled.json");
        List<LabelledObject> found = services.services("dev.swarmlab.lab", "services");
        assertEquals(List.of("rr", "web", "pinned"), found.stream().map(LabelledObject::name).toList());
        assertEquals("service", found.get(1).labels().get("dev.swarmlab.role"));
    }

    @Test
    void createSendsAliasesPlacementModeAndPorts() throws Exception {
        daemon.on("POST", "/services/create", 201, "exec-create.json");
        services.createService(new ServiceRequest("web", "swarmlab/agent:1", List.of("serve"), Map.of("NODE", "{{.Node.Hostname}}"),
                Map.of("dev.swarmlab.lab", "services"), List.of(new ServiceRequest.Attachment("svc-overlay", List.of("www"))), true,
                List.of("8088:80", "9000:9000/udp:host"), false, 3, List.of("node.role==worker")));
        JsonNode body = RawApi.JSON.readTree(daemon.only("POST", "/services/create").body());
        JsonNode task = body.path("TaskTemplate");
        assertEquals("[\"NODE={{.Node.Hostname}}\"]", task.path("ContainerSpec").path("Env").toString());
        assertEquals("svc-overlay", task.path("Networks").path(0).path("Target").asText());
        assertEquals("[\"www\"]", task.path("Networks").path(0).path("Aliases").toString());
        assertEquals("[\"node.role==worker\"]", task.path("Placement").path("Constraints").toString());
        assertEquals(3, body.path("Mode").path("Replicated").path("Replicas").asInt());
        assertEquals("dnsrr", body.path("EndpointSpec").path("Mode").asText());
        JsonNode udp = body.path("EndpointSpec").path("Ports").path(1);
        assertEquals("udp", udp.path("Protocol").asText());
        assertEquals(9000, udp.path("TargetPort").asInt());
        assertEquals("host", udp.path("PublishMode").asText());
        assertEquals("ingress", body.path("EndpointSpec").path("Ports").path(0).path("PublishMode").asText());
    }
}
