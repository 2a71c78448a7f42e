package dev.swarmlab.lab;

import java.util.List;
import java.util.Optional;

/**
 * A container or Swarm service of the lab ("app", "db", ...). It runs the agent image, so it
 * answers probes; its addresses, aliases, ports, links and extra hosts are what the lab studies.
 * A workload with {@code refused} is one the lab expects Docker to refuse (a static ip on the
 * default bridge, a host port already taken, a missing network): the refusal is the result.
 * {@code routedFrom} names the other hosts that get a route to the container's address on its first
 * network (a bridge) through its host, for the run: direct routing to a container, which Docker 28.0
 * blocks.
 */
public record Workload(String name, Kind kind, Optional<String> host, List<String> placement, int replicas,
                       ServiceMode mode, List<Attachment> networks, List<Publish> publish, boolean publishAll,
                       List<PortSpec> expose, List<Integer> listen, List<Link> links, List<ExtraHost> extraHosts,
                       EndpointMode endpointMode, PublishMode publishMode, Optional<String> image, Optional<String> refused,
                       List<String> routedFrom) {
    public Workload {
        routedFrom = List.copyOf(routedFrom);
        placement = List.copyOf(placement);
        networks = List.copyOf(networks);
        publish = List.copyOf(publish);
        expose = List.copyOf(expose);
        listen = List.copyOf(listen);
        links = List.copyOf(links);
        extraHosts = List.copyOf(extraHosts);
    }

    public enum Kind { CONTAINER, SERVICE }

    public enum ServiceMode { REPLICATED, GLOBAL }

    public enum EndpointMode { VIP, DNSRR }

    /** How a service publishes its ports: through the ingress routing mesh on every node, or on the nodes where a task runs. */
    public enum PublishMode { INGRESS, HOST }

    /** Membership in one network, with an optional static address and aliases. */
    public record Attachment(String network, Optional<String> ip, List<String> aliases) {
        public Attachment {
            aliases = List.copyOf(aliases);
        }
    }

    /** A legacy `--link name:alias` to another container. */
    public record Link(String container, String alias) {
    }

    /** An `--add-host name:address` entry; the address may be `host-gateway`. */
    public record ExtraHost(String name, String address) {
    }
}
