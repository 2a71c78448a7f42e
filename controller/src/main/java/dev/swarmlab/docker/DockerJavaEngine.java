package dev.swarmlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** {@link DockerEngine} on docker-java: the daemon itself here, each kind of resource in a class of its own. */
final class DockerJavaEngine implements DockerEngine {
    private final DockerClient client;
    private final AutoCloseable transport;
    private final TypedApi typed;
    private final SwarmApi swarm;
    private final NetworkApi networks;
    private final ContainerApi containers;
    private final ServiceApi services;
    private final ImageApi images;
    private final ExecApi exec;

    DockerJavaEngine(DockerClient client, DockerHttpClient http, String endpoint, AutoCloseable transport) {
        this.client = client;
        this.transport = transport;
        this.typed = new TypedApi(client, endpoint);
        RawApi raw = new RawApi(http, endpoint);
        this.swarm = new DockerJavaSwarm(typed, raw);
        this.networks = new DockerJavaNetworks(typed, raw);
        this.containers = new DockerJavaContainers(typed, raw);
        this.services = new DockerJavaServices(typed, raw, networks, swarm);
        this.images = new DockerJavaImages(typed);
        this.exec = new DockerJavaExec(typed);
    }

    @Override
    public void ping() {
        typed.run("ping", c -> c.pingCmd().exec());
    }

    @Override
    public EngineInfo info() {
        return info(typed.call("info", c -> c.infoCmd().exec()));
    }

    @Override
    public String apiVersion() {
        Version version = typed.call("version", c -> c.versionCmd().exec());
        return version.getApiVersion() == null ? "" : version.getApiVersion();
    }

    static EngineInfo info(Info info) {
        SwarmInfo swarm = info.getSwarm();
        String state = swarm == null || swarm.getLocalNodeState() == null ? "inactive"
                : swarm.getLocalNodeState().name().toLowerCase(Locale.ROOT);
        boolean manager = swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable());
        String cluster = swarm != null && swarm.getClusterInfo() != null ? swarm.getClusterInfo().getId() : "";
        return new EngineInfo(info.getName(), info.getServerVersion(), state,
                swarm == null || swarm.getNodeID() == null ? "" : swarm.getNodeID(), manager, cluster == null ? "" : cluster,
                swarm == null || swarm.getNodeAddr() == null ? "" : swarm.getNodeAddr(),
                info.getKernelVersion(), info.getOperatingSystem(), "", firewallBackend(info));
    }

    /** /info's FirewallBackend.Driver (iptables, nftables, iptables+firewalld), which docker-java does not model. */
    private static String firewallBackend(Info info) {
        Object backend = info.getRawValues().get("FirewallBackend");
        return backend instanceof Map<?, ?> fields && fields.get("Driver") != null ? fields.get("Driver").toString() : "";
    }

    @Override
    public String endpoint() {
        return typed.endpoint();
    }

    // ---- the resources, each in its own class ----

    @Override
    public String swarmInit(String advertiseAddress, String dataPathAddress, Map<String, String> labels) {
        return swarm.swarmInit(advertiseAddress, dataPathAddress, labels);
    }

    @Override
    public SwarmTokens swarmTokens() {
        return swarm.swarmTokens();
    }

    @Override
    public Map<String, String> swarmLabels() {
        return swarm.swarmLabels();
    }

    @Override
    public void swarmJoin(String managerAddress, String token, String advertiseAddress, String dataPathAddress) {
        swarm.swarmJoin(managerAddress, token, advertiseAddress, dataPathAddress);
    }

    @Override
    public void swarmLeave(boolean force) {
        swarm.swarmLeave(force);
    }

    @Override
    public List<SwarmNode> nodes() {
        return swarm.nodes();
    }

    @Override
    public List<NetworkState> networks() {
        return networks.networks();
    }

    @Override
    public String inspectNetwork(String name) {
        return networks.inspectNetwork(name);
    }

    @Override
    public List<String> networkPeers(String name) {
        return networks.networkPeers(name);
    }

    @Override
    public List<Endpoint> endpoints(String network) {
        return networks.endpoints(network);
    }

    @Override
    public String createNetwork(NetworkRequest request) {
        return networks.createNetwork(request);
    }

    @Override
    public void removeNetwork(String idOrName) {
        networks.removeNetwork(idOrName);
    }

    @Override
    public List<String> pruneNetworks(String labelKey, String labelValue) {
        return networks.pruneNetworks(labelKey, labelValue);
    }

    @Override
    public void connect(String container, String network, Optional<String> ip, List<String> aliases) {
        networks.connect(container, network, ip, aliases);
    }

    @Override
    public void disconnect(String container, String network) {
        networks.disconnect(container, network);
    }

    @Override
    public List<LabelledObject> containers(String labelKey, String labelValue) {
        return containers.containers(labelKey, labelValue);
    }

    @Override
    public void removeContainer(String id) {
        containers.removeContainer(id);
    }

    @Override
    public Set<String> containerIds() {
        return containers.containerIds();
    }

    @Override
    public String runContainer(ContainerRequest request) {
        return containers.runContainer(request);
    }

    @Override
    public void startContainer(String container) {
        containers.startContainer(container);
    }

    @Override
    public void stopContainer(String container, int graceSeconds) {
        containers.stopContainer(container, graceSeconds);
    }

    @Override
    public String logs(String container, int tailLines) {
        return containers.logs(container, tailLines);
    }

    @Override
    public ContainerState inspectContainer(String container) {
        return containers.inspectContainer(container);
    }

    @Override
    public ExecOutput exec(String container, List<String> command, byte[] stdin, Duration deadline, Consumer<String> lines) {
        return exec.exec(container, command, stdin, deadline, lines);
    }

    @Override
    public List<LabelledObject> services(String labelKey, String labelValue) {
        return services.services(labelKey, labelValue);
    }

    @Override
    public void removeService(String id) {
        services.removeService(id);
    }

    @Override
    public String createService(ServiceRequest request) {
        return services.createService(request);
    }

    @Override
    public ServiceState inspectService(String name) {
        return services.inspectService(name);
    }

    @Override
    public boolean hasImage(String tag) {
        return images.hasImage(tag);
    }

    @Override
    public void loadImage(Path archive) {
        images.loadImage(archive);
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
