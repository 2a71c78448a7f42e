package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.swarmlab.SwarmlabException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link ContainerApi} on docker-java. Raw: create (the endpoint's static address and aliases in the one
 * request, as the API takes them), inspect (kept as JSON for the evidence) and logs (read whole, not streamed).
 */
final class DockerJavaContainers implements ContainerApi {
    private final TypedApi typed;
    private final RawApi raw;

    DockerJavaContainers(TypedApi typed, RawApi raw) {
        this.typed = typed;
        this.raw = raw;
    }

    @Override
    public List<LabelledObject> containers(String labelKey, String labelValue) {
        List<Container> containers = typed.call("ps", c -> c.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(labelKey, labelValue)).exec());
        return containers.stream().map(c -> new LabelledObject(c.getId(),
                c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""),
                c.getState(), c.getLabels() == null ? Map.of() : c.getLabels())).toList();
    }

    @Override
    public Set<String> containerIds() {
        return typed.call("ps -a", c -> c.listContainersCmd().withShowAll(true).exec()).stream().map(Container::getId)
                .collect(Collectors.toSet());
    }

    @Override
    public void removeContainer(String id) {
        typed.run("rm " + id, c -> c.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
    }

    @Override
    public String runContainer(ContainerRequest request) {
        String what = "run " + request.name();
        String id = raw.post(what, "/containers/create?name=" + RawApi.query(request.name()), body(request)).path("Id").asText();
        try {
            startContainer(id);
        } catch (SwarmlabException e) {
            // A container that cannot start (a taken port, a refused address) is removed, not left half-made.
            removeQuietly(id);
            if (e instanceof DockerRefusal refusal) {
                throw new DockerRefusal("docker " + what + " on " + typed.endpoint() + " failed: " + refusal.said(), refusal.said(), e);
            }
            throw new SwarmlabException("docker " + what + " on " + typed.endpoint() + " failed: " + e.getMessage(), e);
        }
        return id;
    }

    /** The create request's body: image, command, labels, ports and the network's endpoint. */
    static Map<String, Object> body(ContainerRequest request) {
        Map<String, Object> exposed = new LinkedHashMap<>();
        request.expose().forEach(port -> exposed.put(port.contains("/") ? port : port + "/tcp", Map.of()));
        Map<String, List<Map<String, String>>> bindings = new LinkedHashMap<>();
        for (String publish : request.publish()) {
            PortBinding binding = PortBinding.parse(publish);
            String port = binding.getExposedPort().toString();
            exposed.put(port, Map.of());
            Map<String, String> where = new LinkedHashMap<>();
            where.put("HostIp", Optional.ofNullable(binding.getBinding().getHostIp()).orElse(""));
            where.put("HostPort", Optional.ofNullable(binding.getBinding().getHostPortSpec()).orElse(""));
            bindings.computeIfAbsent(port, p -> new ArrayList<>()).add(where);
        }
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("NetworkMode", request.network());
        host.put("RestartPolicy", Map.of("Name", "unless-stopped"));
        host.put("PortBindings", bindings);
        host.put("PublishAllPorts", request.publishAll());
        host.put("Links", request.links());
        host.put("ExtraHosts", request.extraHosts());
        if (!request.dnsOptions().isEmpty()) {
            host.put("DnsOptions", request.dnsOptions());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", request.image());
        body.put("Cmd", request.command());
        body.put("Env", request.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        body.put("Labels", request.labels());
        body.put("ExposedPorts", exposed);
        body.put("HostConfig", host);
        if (request.ip().isPresent() || !request.aliases().isEmpty()) {
            body.put("NetworkingConfig", Map.of("EndpointsConfig",
                    Map.of(request.network(), Fields.endpointConfig(request.ip(), request.aliases()))));
        }
        return body;
    }

    private void removeQuietly(String id) {
        try {
            removeContainer(id);
        } catch (SwarmlabException e) {
            // the start failure is the message worth showing; destroy finds the rest by label
        }
    }

    @Override
    public void startContainer(String container) {
        typed.run("start " + container, c -> c.startContainerCmd(container).exec());
    }

    @Override
    public void stopContainer(String container, int graceSeconds) {
        typed.run("stop " + container, c -> c.stopContainerCmd(container).withTimeout(graceSeconds).exec());
    }

    @Override
    public String logs(String container, int tailLines) {
        return frames(raw.bytes("logs " + container, Method.GET, "/containers/" + container + "/logs?stdout=1&stderr=1&tail=" + tailLines, null));
    }

    /** A log without a TTY is multiplexed: frames of an 8-byte header (stream, 0, 0, 0, 4-byte size) and the payload. */
    static String frames(byte[] stream) {
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at + 8 <= stream.length) {
            int size = ByteBuffer.wrap(stream, at + 4, 4).getInt();
            text.append(new String(stream, at + 8, Math.min(size, stream.length - at - 8), StandardCharsets.UTF_8));
            at += 8 + size;
        }
        return text.toString();
    }

    @Override
    public ContainerState inspectContainer(String container) {
        JsonNode json = raw.get("inspect " + container, "/containers/" + container + "/json");
        Map<String, String> addresses = new LinkedHashMap<>();
        json.path("NetworkSettings").path("Networks").fields().forEachRemaining(e -> addresses.put(e.getKey(), e.getValue().path("IPAddress").asText()));
        Map<String, List<String>> ports = new LinkedHashMap<>();
        json.path("NetworkSettings").path("Ports").fields().forEachRemaining(e -> {
            List<String> where = new ArrayList<>();
            e.getValue().forEach(b -> where.add(b.path("HostIp").asText() + ":" + b.path("HostPort").asText()));
            ports.put(e.getKey(), where);
        });
        return new ContainerState(json.path("Id").asText(), json.path("Name").asText().replaceFirst("^/", ""),
                json.path("State").path("Running").asBoolean(), json.path("State").path("Status").asText(),
                Fields.strings(json.path("Config").path("Labels")), addresses, ports, json.toString());
    }
}
