package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ServiceApi} on docker-java. Raw: create (aliases per network and the publish mode as the API
 * takes them) and inspect with its tasks (their network attachments, which docker-java's Task lacks).
 */
final class DockerJavaServices implements ServiceApi {
    private final TypedApi typed;
    private final RawApi raw;
    private final NetworkApi networks;
    private final SwarmApi swarm;

    DockerJavaServices(TypedApi typed, RawApi raw, NetworkApi networks, SwarmApi swarm) {
        this.typed = typed;
        this.raw = raw;
        this.networks = networks;
        this.swarm = swarm;
    }

    @Override
    public List<LabelledObject> services(String labelKey, String labelValue) {
        return typed.call("service ls", c -> c.listServicesCmd().withLabelFilter(Map.of(labelKey, labelValue)).exec()).stream()
                .map(s -> new LabelledObject(s.getId(), s.getSpec() == null ? s.getId() : s.getSpec().getName(), "",
                        s.getSpec() == null || s.getSpec().getLabels() == null ? Map.of() : s.getSpec().getLabels())).toList();
    }

    @Override
    public void removeService(String id) {
        typed.run("service rm " + id, c -> c.removeServiceCmd(id).exec());
    }

    @Override
    public String createService(ServiceRequest r) {
        return raw.post("service create " + r.name(), "/services/create", body(r)).path("ID").asText();
    }

    /** The create request's body: the task's container, networks with aliases, placement, mode and ports. */
    static Map<String, Object> body(ServiceRequest r) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("Image", r.image());
        container.put("Args", r.args());
        container.put("Env", r.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        container.put("Labels", r.labels());
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("ContainerSpec", container);
        task.put("Networks", r.networks().stream().map(n -> Map.of("Target", n.network(), "Aliases", n.aliases())).toList());
        task.put("Placement", Map.of("Constraints", r.constraints()));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("Mode", r.dnsrr() ? "dnsrr" : "vip");
        endpoint.put("Ports", r.publish().stream().map(DockerJavaServices::port).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", r.name());
        body.put("Labels", r.labels());
        body.put("TaskTemplate", task);
        body.put("Mode", r.global() ? Map.of("Global", Map.of()) : Map.of("Replicated", Map.of("Replicas", r.replicas())));
        body.put("EndpointSpec", endpoint);
        return body;
    }

    /** "8080:80[/udp][:host]" as the API's port config. */
    private static Map<String, Object> port(String spec) {
        String[] parts = spec.split(":");
        String[] target = parts[1].split("/");
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("Protocol", target.length > 1 ? target[1] : "tcp");
        port.put("TargetPort", Integer.parseInt(target[0]));
        port.put("PublishedPort", Integer.parseInt(parts[0]));
        port.put("PublishMode", parts.length > 2 && parts[2].equals("host") ? "host" : "ingress");
        return port;
    }

    @Override
    public ServiceState inspectService(String name) {
        JsonNode service = raw.get("service inspect " + name, "/services/" + name);
        Map<String, String> networkNames = new LinkedHashMap<>();
        networks.networks().forEach(network -> networkNames.put(network.id(), network.name()));
        Map<String, String> vips = new LinkedHashMap<>();
        service.path("Endpoint").path("VirtualIPs").forEach(vip -> vips.put(networkNames.getOrDefault(vip.path("NetworkID").asText(),
                vip.path("NetworkID").asText()), Fields.address(vip.path("Addr").asText())));
        Map<String, String> hostnames = new LinkedHashMap<>();
        swarm.nodes().forEach(node -> hostnames.put(node.id(), node.hostname()));
        List<ServiceState.Task> tasks = new ArrayList<>();
        raw.get("service ps " + name, "/tasks?filters=" + RawApi.query("{\"service\":{\"" + name + "\":true}}")).forEach(t -> {
            Map<String, String> addresses = new LinkedHashMap<>();
            t.path("NetworksAttachments").forEach(a -> addresses.put(a.path("Network").path("Spec").path("Name").asText(),
                    Fields.address(a.path("Addresses").path(0).asText())));
            tasks.add(new ServiceState.Task(t.path("ID").asText(), hostnames.getOrDefault(t.path("NodeID").asText(), t.path("NodeID").asText()),
                    t.path("Status").path("ContainerStatus").path("ContainerID").asText(), t.path("Status").path("State").asText(), addresses));
        });
        List<Integer> published = new ArrayList<>();
        service.path("Endpoint").path("Ports").forEach(port -> {
            if (port.path("Protocol").asText("tcp").equals("tcp")) {
                published.add(port.path("PublishedPort").asInt());
            }
        });
        return new ServiceState(service.path("ID").asText(), service.path("Spec").path("Name").asText(),
                Fields.strings(service.path("Spec").path("Labels")), vips, published, tasks);
    }
}
