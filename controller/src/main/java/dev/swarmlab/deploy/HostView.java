package dev.swarmlab.deploy;

import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.NetworkState;
import java.util.List;
import java.util.Optional;

/** What one host looks like now: its daemon's account of itself and its networks. */
public record HostView(String host, EngineInfo engine, List<NetworkState> networks) {
    public HostView {
        networks = List.copyOf(networks);
    }

    public Optional<NetworkState> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
