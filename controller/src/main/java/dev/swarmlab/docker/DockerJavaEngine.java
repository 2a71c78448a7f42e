package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Swarm;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.swarmlab.SwarmlabException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link DockerEngine} on docker-java; translates its exceptions at this boundary, in one place. */
final class DockerJavaEngine implements DockerEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DockerClient client;
    private final DockerHttpClient http;
    private final String endpoint;
    private final AutoCloseable transport;

    DockerJavaEngine(DockerClient client, DockerHttpClient http, String endpoint, AutoCloseable transport) {
        this.client = client;
        this.http = http;
        this.endpoint = endpoint;
        this.transport = transport;
    }

    @Override
    public void ping() {
        call("ping", () -> client.pingCmd().exec());
    }

    @Override
    public EngineInfo info() {
        Info info = call("info", () -> client.infoCmd().exec());
        SwarmInfo swarm = info.getSwarm();
        String state = swarm == null || swarm.getLocalNodeState() == null ? "inactive"
                : swarm.getLocalNodeState().name().toLowerCase(Locale.ROOT);
        boolean manager = swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable());
        String cluster = swarm != null && swarm.getClusterInfo() != null ? swarm.getClusterInfo().getId() : "";
        return new EngineInfo(info.getName(), info.getServerVersion(), state,
                swarm == null || swarm.getNodeID() == null ? "" : swarm.getNodeID(), manager, cluster == null ? "" : cluster,
                swarm == null || swarm.getNodeAddr() == null ? "" : swarm.getNodeAddr(),
                info.getKernelVersion(), info.getOperatingSystem());
    }

    /** docker-java's init and join lack DataPathAddr, so these two go as raw API requests. */
    @Override
    public String swarmInit(String advertiseAddress, String dataPathAddress, Map<String, String> labels) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", "0.0.0.0:2377");
        body.put("AdvertiseAddr", advertiseAddress);
        body.put("DataPathAddr", dataPathAddress);
        body.put("Spec", Map.of("Labels", labels));
        return raw("swarm init", DockerHttpClient.Request.Method.POST, "/swarm/init", body).asText();
    }

    @Override
    public void swarmJoin(String managerAddress, String token, String advertiseAddress, String dataPathAddress) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", "0.0.0.0:2377");
        body.put("AdvertiseAddr", advertiseAddress);
        body.put("DataPathAddr", dataPathAddress);
        body.put("RemoteAddrs", List.of(managerAddress + ":2377"));
        body.put("JoinToken", token);
        raw("swarm join", DockerHttpClient.Request.Method.POST, "/swarm/join", body);
    }

    private JsonNode raw(String what, DockerHttpClient.Request.Method method, String path, Object body) {
        String text = new String(rawBytes(what, method, path, body), StandardCharsets.UTF_8);
        try {
            return text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new SwarmlabException("docker " + what + " on " + endpoint + " answered something that is not JSON: " + text, e);
        }
    }

    private byte[] rawBytes(String what, DockerHttpClient.Request.Method method, String path, Object body) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path);
        if (body != null) {
            try {
                request.putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new SwarmlabException("docker " + what + ": cannot encode the request: " + e.getMessage(), e);
            }
        }
        try (DockerHttpClient.Response response = http.execute(request.build())) {
            byte[] bytes = readAll(response.getBody());
            if (response.getStatusCode() / 100 != 2) {
                String said = message(new String(bytes, StandardCharsets.UTF_8));
                throw new DockerRefusal("docker " + what + " on " + endpoint + " failed: HTTP " + response.getStatusCode() + ": " + said, said, null);
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SwarmlabException known) {
                throw known;
            }
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + describe(e), e);
        }
    }

    @Override
    public String logs(String container, int tailLines) {
        byte[] stream = rawBytes("logs " + container, DockerHttpClient.Request.Method.GET, "/containers/" + container
                + "/logs?stdout=1&stderr=1&tail=" + tailLines, null);
        // Without a TTY the log is multiplexed: frames of an 8-byte header (stream, 0, 0, 0, 4-byte size) and the payload.
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at + 8 <= stream.length) {
            int size = ByteBuffer.wrap(stream, at + 4, 4).getInt();
            text.append(new String(stream, at + 8, Math.min(size, stream.length - at - 8), StandardCharsets.UTF_8));
            at += 8 + size;
        }
        return text.toString();
    }

    private static byte[] readAll(InputStream body) throws IOException {
        return body == null ? new byte[0] : body.readAllBytes();
    }

    private static String message(String json) {
        try {
            return JSON.readTree(json).path("message").asText(json).strip();
        } catch (IOException e) {
            return json.strip();
        }
    }

    @Override
    public SwarmTokens swarmTokens() {
        Swarm swarm = call("swarm inspect", () -> client.inspectSwarmCmd().exec());
        return new SwarmTokens(swarm.getId(), swarm.getJoinTokens().getWorker(), swarm.getJoinTokens().getManager());
    }

    @Override
    public Map<String, String> swarmLabels() {
        JsonNode labels = raw("swarm inspect", DockerHttpClient.Request.Method.GET, "/swarm", null).path("Spec").path("Labels");
        Map<String, String> result = new LinkedHashMap<>();
        labels.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    @Override
    public void swarmLeave(boolean force) {
        call("swarm leave", () -> client.leaveSwarmCmd().withForceEnabled(force).exec());
    }

    @Override
    public List<dev.swarmlab.docker.SwarmNode> nodes() {
        List<SwarmNode> nodes = call("node ls", () -> client.listSwarmNodesCmd().exec());
        return nodes.stream().map(n -> new dev.swarmlab.docker.SwarmNode(n.getId(),
                n.getDescription() == null ? "" : n.getDescription().getHostname(),
                n.getSpec() == null || n.getSpec().getRole() == null ? "" : n.getSpec().getRole().name().toLowerCase(Locale.ROOT),
                n.getStatus() == null || n.getStatus().getState() == null ? "" : n.getStatus().getState().name().toLowerCase(Locale.ROOT),
                n.getSpec() == null || n.getSpec().getAvailability() == null ? ""
                        : n.getSpec().getAvailability().name().toLowerCase(Locale.ROOT),
                n.getManagerStatus() != null && n.getManagerStatus().isLeader(),
                n.getStatus() == null || n.getStatus().getAddress() == null ? "" : n.getStatus().getAddress())).toList();
    }

    @Override
    public List<NetworkState> networks() {
        List<Network> networks = call("network ls", () -> client.listNetworksCmd().exec());
        return networks.stream().map(DockerJavaEngine::state).toList();
    }

    private static NetworkState state(Network n) {
        List<Network.Ipam.Config> configs = n.getIpam() == null || n.getIpam().getConfig() == null ? List.of() : n.getIpam().getConfig();
        return new NetworkState(n.getId(), n.getName(), n.getDriver(), n.getScope(),
                configs.stream().map(Network.Ipam.Config::getSubnet).filter(s -> s != null).toList(),
                configs.stream().map(Network.Ipam.Config::getGateway).filter(g -> g != null).toList(),
                Boolean.TRUE.equals(n.isAttachable()), Boolean.TRUE.equals(n.getInternal()),
                n.getOptions() == null ? Map.of() : n.getOptions(), n.getLabels() == null ? Map.of() : n.getLabels());
    }

    @Override
    public String inspectNetwork(String name) {
        return raw("network inspect " + name, DockerHttpClient.Request.Method.GET, "/networks/" + name + "?verbose=false", null).toString();
    }

    @Override
    public List<Endpoint> endpoints(String network) {
        List<Endpoint> endpoints = new ArrayList<>();
        raw("network inspect " + network, DockerHttpClient.Request.Method.GET, "/networks/" + network + "?verbose=false", null)
                .path("Containers").fields().forEachRemaining(e -> endpoints.add(new Endpoint(e.getKey(), e.getValue().path("Name").asText())));
        return endpoints;
    }

    @Override
    public Set<String> containerIds() {
        return call("ps -a", () -> client.listContainersCmd().withShowAll(true).exec()).stream().map(Container::getId)
                .collect(Collectors.toSet());
    }

    @Override
    public List<String> networkPeers(String name) {
        List<String> peers = new ArrayList<>();
        raw("network inspect --verbose " + name, DockerHttpClient.Request.Method.GET, "/networks/" + name + "?verbose=true", null)
                .path("Peers").forEach(peer -> peers.add(peer.path("IP").asText()));
        return peers;
    }

    @Override
    public String createNetwork(NetworkRequest request) {
        Network.Ipam.Config config = new Network.Ipam.Config();
        request.subnet().ifPresent(config::withSubnet);
        request.gateway().ifPresent(config::withGateway);
        request.ipRange().ifPresent(config::withIpRange);
        Network.Ipam ipam = new Network.Ipam().withDriver("default");
        if (request.subnet().isPresent()) {
            ipam.withConfig(config);
        }
        return call("network create " + request.name(), () -> client.createNetworkCmd()
                .withName(request.name())
                .withDriver(request.driver())
                .withIpam(ipam)
                .withAttachable(request.attachable())
                .withInternal(request.internal())
                .withOptions(request.options())
                .withLabels(request.labels())
                .withCheckDuplicate(true)
                .exec().getId());
    }

    @Override
    public List<String> pruneNetworks(String labelKey, String labelValue) {
        String filter = URLEncoder.encode("{\"label\":[\"" + labelKey + "=" + labelValue + "\"]}", StandardCharsets.UTF_8);
        List<String> deleted = new ArrayList<>();
        raw("network prune", DockerHttpClient.Request.Method.POST, "/networks/prune?filters=" + filter, null).path("NetworksDeleted")
                .forEach(n -> deleted.add(n.asText()));
        return deleted;
    }

    @Override
    public void removeNetwork(String idOrName) {
        call("network rm " + idOrName, () -> client.removeNetworkCmd(idOrName).exec());
    }

    @Override
    public List<LabelledObject> containers(String labelKey, String labelValue) {
        List<Container> containers = call("ps", () -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(labelKey, labelValue)).exec());
        return containers.stream().map(c -> new LabelledObject(c.getId(),
                c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""),
                c.getState(), c.getLabels() == null ? Map.of() : c.getLabels())).toList();
    }

    @Override
    public void removeContainer(String id) {
        call("rm " + id, () -> client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
    }

    @Override
    public String runContainer(ContainerRequest request) {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("NetworkMode", request.network());
        host.put("RestartPolicy", Map.of("Name", "unless-stopped"));
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
            body.put("NetworkingConfig", Map.of("EndpointsConfig", Map.of(request.network(), endpoint(request.ip(), request.aliases()))));
        }
        String what = "run " + request.name();
        String id = raw(what, DockerHttpClient.Request.Method.POST, "/containers/create?name=" + request.name(), body).path("Id").asText();
        try {
            startContainer(id);
        } catch (SwarmlabException e) {
            // A container that cannot start (a taken port, a refused address) is removed, not left half-made.
            removeQuietly(id);
            if (e instanceof DockerRefusal refusal) {
                throw new DockerRefusal("docker " + what + " on " + endpoint + " failed: " + refusal.said(), refusal.said(), e);
            }
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + e.getMessage(), e);
        }
        return id;
    }

    private static Map<String, Object> endpoint(Optional<String> ip, List<String> aliases) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        ip.ifPresent(address -> endpoint.put("IPAMConfig", Map.of("IPv4Address", address)));
        if (!aliases.isEmpty()) {
            endpoint.put("Aliases", aliases);
        }
        return endpoint;
    }

    private void removeQuietly(String id) {
        try {
            removeContainer(id);
        } catch (SwarmlabException e) {
            // the start failure is the message worth showing; destroy finds the rest by label
        }
    }

    @Override
    public void connect(String container, String network, Optional<String> ip, List<String> aliases) {
        raw("network connect " + network + " " + container, DockerHttpClient.Request.Method.POST, "/networks/" + network + "/connect",
                Map.of("Container", container, "EndpointConfig", endpoint(ip, aliases)));
    }

    @Override
    public void disconnect(String container, String network) {
        raw("network disconnect " + network + " " + container, DockerHttpClient.Request.Method.POST, "/networks/" + network + "/disconnect",
                Map.of("Container", container, "Force", true));
    }

    @Override
    public void startContainer(String container) {
        raw("start " + container, DockerHttpClient.Request.Method.POST, "/containers/" + container + "/start", null);
    }

    @Override
    public void stopContainer(String container, int graceSeconds) {
        raw("stop " + container, DockerHttpClient.Request.Method.POST, "/containers/" + container + "/stop?t=" + graceSeconds, null);
    }

    @Override
    public ContainerState inspectContainer(String container) {
        JsonNode json = raw("inspect " + container, DockerHttpClient.Request.Method.GET, "/containers/" + container + "/json", null);
        Map<String, String> labels = new LinkedHashMap<>();
        json.path("Config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> addresses = new LinkedHashMap<>();
        json.path("NetworkSettings").path("Networks").fields().forEachRemaining(e -> addresses.put(e.getKey(), e.getValue().path("IPAddress").asText()));
        Map<String, List<String>> ports = new LinkedHashMap<>();
        json.path("NetworkSettings").path("Ports").fields().forEachRemaining(e -> {
            List<String> where = new ArrayList<>();
            e.getValue().forEach(b -> where.add(b.path("HostIp").asText() + ":" + b.path("HostPort").asText()));
            ports.put(e.getKey(), where);
        });
        return new ContainerState(json.path("Id").asText(), json.path("Name").asText().replaceFirst("^/", ""),
                json.path("State").path("Running").asBoolean(), json.path("State").path("Status").asText(), labels, addresses, ports,
                json.toString());
    }

    @Override
    public ExecOutput exec(String container, List<String> command, byte[] stdin, Duration deadline,
                           Consumer<String> lines) {
        String what = "exec " + String.join(" ", command) + " in " + container;
        String execId = call(what, () -> client.execCreateCmd(container).withCmd(command.toArray(String[]::new))
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).exec().getId());
        ExecFrames frames = new ExecFrames(lines);
        boolean finished = call(what, () -> {
            try {
                return client.execStartCmd(execId).withStdIn(new ByteArrayInputStream(stdin)).exec(frames)
                        .awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmlabException(what + " was interrupted", e);
            }
        });
        frames.finish();
        if (!finished) {
            try {
                frames.close();
            } catch (IOException e) {
                // the stream is abandoned either way
            }
            return new ExecOutput(-1, frames.stderr(), true);
        }
        if (frames.failure() != null) {
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + describe(frames.failure()), frames.failure());
        }
        Long exit = call(what, () -> client.inspectExecCmd(execId).exec().getExitCodeLong());
        return new ExecOutput(exit == null ? -1 : exit, frames.stderr(), false);
    }

    @Override
    public List<LabelledObject> services(String labelKey, String labelValue) {
        List<Service> services = call("service ls", () -> client.listServicesCmd()
                .withLabelFilter(Map.of(labelKey, labelValue)).exec());
        return services.stream().map(s -> new LabelledObject(s.getId(), s.getSpec() == null ? s.getId() : s.getSpec().getName(), "",
                s.getSpec() == null || s.getSpec().getLabels() == null ? Map.of() : s.getSpec().getLabels())).toList();
    }

    @Override
    public void removeService(String id) {
        call("service rm " + id, () -> client.removeServiceCmd(id).exec());
    }

    @Override
    public String createService(ServiceRequest r) {
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
        endpoint.put("Ports", r.publish().stream().map(DockerJavaEngine::servicePort).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", r.name());
        body.put("Labels", r.labels());
        body.put("TaskTemplate", task);
        body.put("Mode", r.global() ? Map.of("Global", Map.of()) : Map.of("Replicated", Map.of("Replicas", r.replicas())));
        body.put("EndpointSpec", endpoint);
        return raw("service create " + r.name(), DockerHttpClient.Request.Method.POST, "/services/create", body).path("ID").asText();
    }

    /** "8080:80[/udp][:host]" as the API's port config. */
    private static Map<String, Object> servicePort(String spec) {
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
        JsonNode service = raw("service inspect " + name, DockerHttpClient.Request.Method.GET, "/services/" + name, null);
        Map<String, String> networkNames = new LinkedHashMap<>();
        for (NetworkState network : networks()) {
            networkNames.put(network.id(), network.name());
        }
        Map<String, String> vips = new LinkedHashMap<>();
        service.path("Endpoint").path("VirtualIPs").forEach(vip -> vips.put(networkNames.getOrDefault(vip.path("NetworkID").asText(),
                vip.path("NetworkID").asText()), vip.path("Addr").asText().replaceFirst("/.*", "")));
        Map<String, String> hostnames = new LinkedHashMap<>();
        nodes().forEach(node -> hostnames.put(node.id(), node.hostname()));
        String filter = URLEncoder.encode("{\"service\":{\"" + name + "\":true}}", StandardCharsets.UTF_8);
        List<ServiceState.Task> tasks = new ArrayList<>();
        raw("service ps " + name, DockerHttpClient.Request.Method.GET, "/tasks?filters=" + filter, null).forEach(t -> {
            Map<String, String> addresses = new LinkedHashMap<>();
            t.path("NetworksAttachments").forEach(a -> addresses.put(a.path("Network").path("Spec").path("Name").asText(),
                    a.path("Addresses").path(0).asText().replaceFirst("/.*", "")));
            tasks.add(new ServiceState.Task(t.path("ID").asText(), hostnames.getOrDefault(t.path("NodeID").asText(), t.path("NodeID").asText()),
                    t.path("Status").path("ContainerStatus").path("ContainerID").asText(), t.path("Status").path("State").asText(), addresses));
        });
        Map<String, String> labels = new LinkedHashMap<>();
        service.path("Spec").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<Integer> published = new ArrayList<>();
        service.path("Endpoint").path("Ports").forEach(port -> {
            if (port.path("Protocol").asText("tcp").equals("tcp")) {
                published.add(port.path("PublishedPort").asInt());
            }
        });
        return new ServiceState(service.path("ID").asText(), service.path("Spec").path("Name").asText(), labels, vips, published, tasks);
    }

    @Override
    public boolean hasImage(String tag) {
        try {
            client.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw new SwarmlabException("docker image inspect " + tag + " on " + endpoint + " failed: " + describe(e), e);
        }
    }

    @Override
    public void loadImage(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            call("load " + archive.getFileName(), () -> {
                client.loadImageCmd(in).exec();
                return null;
            });
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (NotFoundException e) {
            throw new DockerRefusal("docker " + what + " on " + endpoint + ": not found: " + dockerMessage(e), dockerMessage(e), e);
        } catch (DockerException e) {
            throw new DockerRefusal("docker " + what + " on " + endpoint + " failed: " + dockerMessage(e), dockerMessage(e), e);
        } catch (RuntimeException e) {
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + describe(e), e);
        }
    }

    /** Docker's own words ("network lab-bridge not found"), without docker-java's "Status 404: {...}" wrapping. */
    private static String dockerMessage(DockerException e) {
        String text = Optional.ofNullable(e.getMessage()).orElse("");
        int brace = text.indexOf('{');
        return brace >= 0 ? message(text.substring(brace)) : text.strip();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing a client that could not connect has nothing to release
        }
        try {
            transport.close();
        } catch (Exception e) {
            // the tunnel is gone with its session
        }
    }
}
