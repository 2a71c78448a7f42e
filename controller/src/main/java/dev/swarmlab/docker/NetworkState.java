package dev.swarmlab.docker;

import java.util.List;
import java.util.Map;

/** A network as a daemon reports it. */
public record NetworkState(String id, String name, String driver, String scope, List<String> subnets, List<String> gateways,
                           boolean attachable, boolean internal, Map<String, String> options, Map<String, String> labels) {
    public NetworkState {
        subnets = List.copyOf(subnets);
        gateways = List.copyOf(gateways);
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }
}
