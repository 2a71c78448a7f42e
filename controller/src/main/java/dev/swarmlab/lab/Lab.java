package dev.swarmlab.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A resolved, validated lab: what to build on which hosts and what to probe. Immutable; made
 * only by {@link LabFile#read}, so every Lab in the program has passed every check. {@code outside}
 * is where "the internet" is for its egress cells: "local" (the emulated hosts' stand-in) or an
 * http://HOST[:PORT]/ address; empty for none.
 */
public record Lab(String name, String description, Path file, LabHosts hosts, Optional<Swarm> swarm,
                  List<Network> networks, List<Workload> workloads, Agents agents, List<ProbeKind> probes,
                  List<Expectation> expectations, List<Step> steps, Optional<String> outside, List<RefusedNetwork> refusedNetworks) {
    /** A network the lab expects Docker to refuse to create (an overlay without a swarm): tried once deployed, never part of the lab. */
    public record RefusedNetwork(Network network, String why) {
    }

    public Lab {
        refusedNetworks = List.copyOf(refusedNetworks);
        networks = List.copyOf(networks);
        workloads = List.copyOf(workloads);
        probes = List.copyOf(probes);
        expectations = List.copyOf(expectations);
        steps = List.copyOf(steps);
    }

    public Optional<Network> network(String networkName) {
        return networks.stream().filter(n -> n.name().equals(networkName)).findFirst();
    }

    /** The networks swarmlab creates (not Docker's built-in bridge, host and none). */
    public List<Network> createdNetworks() {
        return networks.stream().filter(n -> !n.builtIn()).toList();
    }

    /** The label every resource of this lab carries, with the lab's name as its value. */
    public static final String LABEL = "dev.swarmlab.lab";
}
