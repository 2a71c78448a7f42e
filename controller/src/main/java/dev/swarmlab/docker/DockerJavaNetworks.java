package dev.swarmlab.docker;

import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link NetworkApi} on docker-java. Raw: the inspect kept as JSON, the verbose inspect's Peers and
 * prune's names of the networks it removed, none of which docker-java's models carry.
 */
final class DockerJavaNetworks implements NetworkApi {
    private final TypedApi typed;
    private final RawApi raw;

    DockerJavaNetworks(TypedApi typed, RawApi raw) {
        this.typed = typed;
        this.raw = raw;
    }

    @Override
    public List<NetworkState> networks() {
        return typed.call("network ls", c -> c.listNetworksCmd().exec()).stream().map(DockerJavaNetworks::state).toList();
    }

    private static NetworkState state(Network n) {
        List<Network.Ipam.Config> configs = n.getIpam() == null || n.getIpam().getConfig() == null ? List.of() : n.getIpam().getConfig();
        return new NetworkState(n.getId(), n.getName(), n.getDriver(), n.getScope(),
                configs.stream().map(Network.Ipam.Config::getSubnet).filter(Objects::nonNull).toList(),
                configs.stream().map(Network.Ipam.Config::getGateway).filter(Objects::nonNull).toList(),
                Boolean.TRUE.equals(n.isAttachable()), Boolean.TRUE.equals(n.getInternal()),
                n.getOptions() == null ? Map.of() : n.getOptions(), n.getLabels() == null ? Map.of() : n.getLabels());
    }

    @Override
    public String inspectNetwork(String name) {
        return raw.get("network inspect " + name, "/networks/" + name + "?verbose=false").toString();
    }

    @Override
    public List<Endpoint> endpoints(String network) {
        Network inspected = typed.call("network inspect " + network, c -> c.inspectNetworkCmd().withNetworkId(network).exec());
        Map<String, Network.ContainerNetworkConfig> containers = inspected.getContainers() == null ? Map.of() : inspected.getContainers();
        List<Endpoint> endpoints = new ArrayList<>();
        containers.forEach((id, config) -> endpoints.add(new Endpoint(id, config.getName() == null ? "" : config.getName())));
        return endpoints;
    }

    @Override
    public List<String> networkPeers(String name) {
        List<String> peers = new ArrayList<>();
        raw.get("network inspect --verbose " + name, "/networks/" + name + "?verbose=true").path("Peers")
                .forEach(peer -> peers.add(peer.path("IP").asText()));
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
        return typed.call("network create " + request.name(), c -> c.createNetworkCmd()
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
        String filter = RawApi.query("{\"label\":[\"" + labelKey + "=" + labelValue + "\"]}");
        List<String> deleted = new ArrayList<>();
        raw.post("network prune", "/networks/prune?filters=" + filter, null).path("NetworksDeleted").forEach(n -> deleted.add(n.asText()));
        return deleted;
    }

    @Override
    public void removeNetwork(String idOrName) {
        typed.run("network rm " + idOrName, c -> c.removeNetworkCmd(idOrName).exec());
    }

    @Override
    public void connect(String container, String network, Optional<String> ip, List<String> aliases) {
        ContainerNetwork endpoint = new ContainerNetwork();
        ip.ifPresent(address -> endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address)));
        if (!aliases.isEmpty()) {
            endpoint.withAliases(aliases);
        }
        typed.run("network connect " + network + " " + container, c -> c.connectToNetworkCmd()
                .withNetworkId(network).withContainerId(container).withContainerNetwork(endpoint).exec());
    }

    @Override
    public void disconnect(String container, String network) {
        typed.run("network disconnect " + network + " " + container, c -> c.disconnectFromNetworkCmd()
                .withNetworkId(network).withContainerId(container).withForce(true).exec());
    }
}
