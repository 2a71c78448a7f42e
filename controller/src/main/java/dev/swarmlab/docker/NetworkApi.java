package dev.swarmlab.docker;

import java.util.List;
import java.util.Optional;

/** A daemon's networks and the endpoints on them. */
public interface NetworkApi {
    List<NetworkState> networks();

    /** `docker network inspect NAME` as the daemon answers it (JSON). */
    String inspectNetwork(String name);

    /** The addresses of the swarm nodes that share an overlay network with this one (`docker network inspect --verbose`'s Peers). */
    List<String> networkPeers(String name);

    /** The endpoints on a network (`docker network inspect NAME`'s Containers). */
    List<Endpoint> endpoints(String network);

    /** Creates a network; returns its id. */
    String createNetwork(NetworkRequest request);

    void removeNetwork(String idOrName);

    /** `docker network prune --filter label=KEY=VALUE`: the unused networks with that label removed; their names. */
    List<String> pruneNetworks(String labelKey, String labelValue);

    /** Attaches a running container to one more network, with an optional static address and aliases. */
    void connect(String container, String network, Optional<String> ip, List<String> aliases);

    /**
     * `docker network disconnect -f NETWORK CONTAINER`. Given an endpoint's name where its container is
     * gone, Docker removes that stale endpoint.
     */
    void disconnect(String container, String network);
}
