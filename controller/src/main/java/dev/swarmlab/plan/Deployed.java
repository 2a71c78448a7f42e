package dev.swarmlab.plan;

import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the planner reads: the lab, its containers as deployed (addresses, ports, running or not),
 * each host's address, and what the hosts lack or a lab step changed.
 */
record Deployed(Lab lab, List<Placed> placed, Map<String, String> hostAddresses, HostConditions hosts) {
    /** Who probes on a network: its running agents, and the container workloads on it that run the agent image (an "app" probing its "db"). */
    List<Placed> sources(String network) {
        return placed.stream().filter(p -> p.running() && p.agent().on(network) && (p.agent().role() == Agent.Role.AGENT
                || p.agent().workload().map(w -> w.image().isEmpty()).orElse(false))).toList();
    }

    /** The agents in host mode: each host's own stack. */
    List<Placed> hostAgents() {
        return placed.stream().filter(p -> p.agent().role() == Agent.Role.AGENT
                && lab.network(p.agent().firstNetwork()).map(n -> n.driver() == Driver.HOST).orElse(false)).toList();
    }

    Network network(String name) {
        return lab.network(name).orElseThrow();
    }

    /** Every network the container is on: egress, its route to its host and its resolver belong to the container, not to one network. */
    List<Network> stack(Placed container) {
        return container.agent().networks().stream().map(a -> lab.network(a.network())).flatMap(Optional::stream).toList();
    }

    /**
     * The network a container's published ports are mapped on: the first of its networks that is not internal (libnetwork
     * maps them on the first such endpoint, daemon/container_operations.go, Engine 20.10), else its first.
     */
    Network publishing(Placed container) {
        List<Network> stack = stack(container);
        return stack.stream().filter(n -> !n.internal()).findFirst().orElse(network(container.agent().firstNetwork()));
    }

    /** tcp to a workload that listens on ports of its own (a db on 27017) dials the first of them; anything else, the probe's port. */
    static int port(ProbeKind probe, Placed target) {
        List<Integer> listened = target.agent().workload().map(Workload::listen).orElse(List.of());
        return probe == ProbeKind.TCP && !listened.isEmpty() ? listened.get(0) : port(probe);
    }

    static int port(ProbeKind probe) {
        return switch (probe) {
            case TCP, LATENCY, THROUGHPUT -> Agent.TCP_PORT;
            case UDP, MTU -> Agent.UDP_PORT;
            case HTTP -> Agent.HTTP_PORT;
            case ICMP, DNS -> 0;
        };
    }

    /** dns only resolves names; the measuring probes (latency, throughput, mtu) run by address, where they mean something. */
    static boolean applies(ProbeKind probe, Route route) {
        return switch (probe) {
            case DNS -> route == Route.NAME || route == Route.SERVICE || route == Route.TASKS;
            case ICMP, TCP, UDP, HTTP -> true;
            case LATENCY, THROUGHPUT, MTU -> route == Route.ADDRESS;
        };
    }
}
