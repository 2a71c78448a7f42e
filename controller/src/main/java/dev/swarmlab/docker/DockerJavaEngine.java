package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Swarm;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.swarmlab.SwarmlabException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path);
        if (body != null) {
            try {
                request.putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new SwarmlabException("docker " + what + ": cannot encode the request: " + e.getMessage(), e);
            }
        }
        try (DockerHttpClient.Response response = http.execute(request.build())) {
            String text = new String(readAll(response.getBody()), StandardCharsets.UTF_8);
            if (response.getStatusCode() / 100 != 2) {
                throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: HTTP " + response.getStatusCode()
                        + ": " + message(text));
            }
            return text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SwarmlabException known) {
                throw known;
            }
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + describe(e), e);
        }
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
    public void loadImage(java.nio.file.Path archive) {
        try (InputStream in = java.nio.file.Files.newInputStream(archive)) {
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
            throw new SwarmlabException("docker " + what + " on " + endpoint + ": not found: " + dockerMessage(e), e);
        } catch (DockerException e) {
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + dockerMessage(e), e);
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
