package dev.swarmlab.lab;

import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.RawLab.RawAttachment;
import dev.swarmlab.lab.RawLab.RawWorkload;
import dev.swarmlab.lab.Workload.Attachment;
import dev.swarmlab.net.Ipv4;
import dev.swarmlab.yaml.Problems;
import dev.swarmlab.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a lab's workloads: where each runs, its networks with their static addresses and
 * aliases, published and exposed ports, links and extra hosts, each checked against the
 * networks and hosts the lab defines.
 */
final class WorkloadResolver {
    private final LabChecks checks;
    private final Problems problems;
    private final Map<String, Network> networks;

    WorkloadResolver(LabChecks checks) {
        this.checks = checks;
        this.problems = checks.problems;
        this.networks = checks.networks;
    }

    List<Workload> resolve(List<RawWorkload> raws) {
        Map<String, Workload> byName = new LinkedHashMap<>();
        Map<String, YamlNode> ips = new HashMap<>();
        for (RawWorkload raw : raws) {
            workload(raw, ips).ifPresent(w -> {
                if (byName.putIfAbsent(w.name(), w) != null) {
                    problems.add(raw.at().at("name"), "duplicate workload name '" + w.name() + "'");
                }
            });
        }
        for (RawWorkload raw : raws) {
            raw.name().map(byName::get).ifPresent(w -> {
                checkLinks(raw, w, byName);
                checkRoutedFrom(raw, w, byName.values());
            });
        }
        return List.copyOf(byName.values());
    }

    private Optional<Workload> workload(RawWorkload raw, Map<String, YamlNode> ips) {
        if (raw.name().isEmpty() || !checks.checkName(raw.at().at("name"), raw.name().get(), "workload")) {
            return Optional.empty();
        }
        String name = raw.name().get();
        Workload.Kind kind = raw.kind().map(k -> checks.enumValue(raw.at().at("kind"), k, Workload.Kind.class)).orElse(Workload.Kind.CONTAINER);
        boolean service = kind == Workload.Kind.SERVICE;
        Optional<String> host = raw.host().filter(h -> checks.knownHost(raw.at().at("host"), "host"));
        if (!service && raw.host().isEmpty()) {
            problems.add(raw.at().node(), "container '" + name + "' needs a `host` to run on; hosts: " + String.join(", ", checks.hostNames));
        }
        if (service) {
            raw.host().ifPresent(h -> problems.add(raw.at().at("host"), "a service is placed by Swarm: use `placement` "
                    + "(e.g. node.hostname==" + h + ") instead of `host`"));
        } else {
            for (String field : List.of("placement", "replicas", "mode", "endpointMode", "publishMode")) {
                if (raw.at().get(field).isPresent()) {
                    problems.add(raw.at().at(field), "'" + field + "' applies only to services (kind: service)");
                }
            }
        }
        boolean refused = raw.refused().isPresent();
        List<Attachment> attachments = raw.networks().stream().map(a -> attachment(a, name, service, refused, ips))
                .flatMap(Optional::stream).toList();
        if (attachments.isEmpty() && raw.at().get("networks").isEmpty()) {
            problems.add(raw.at().node(), "workload '" + name + "' needs at least one network in `networks`");
        }
        checkExclusive(raw, attachments);
        List<Publish> publish = raw.publish().stream().map(p -> checks.parse(p, p.scalar(), Publish::parse)).flatMap(Optional::stream).toList();
        List<PortSpec> expose = raw.expose().stream().map(p -> checks.parse(p, p.scalar(), PortSpec::parse)).flatMap(Optional::stream).toList();
        List<Integer> listen = raw.listen().stream().map(p -> checks.parse(p, p.scalar(), t -> Publish.port(t, t))).flatMap(Optional::stream).toList();
        List<Workload.ExtraHost> extraHosts = raw.extraHosts().stream().map(this::extraHost).flatMap(Optional::stream).toList();
        List<Workload.Link> links = raw.links().stream().map(this::link).flatMap(Optional::stream).toList();
        return Optional.of(new Workload(name, kind, host, raw.placement().stream().map(YamlNode::scalar).toList(),
                raw.replicas().orElse(1),
                raw.mode().map(m -> checks.enumValue(raw.at().at("mode"), m, Workload.ServiceMode.class)).orElse(Workload.ServiceMode.REPLICATED),
                attachments, publish, raw.publishAll().orElse(false), expose, listen, links, extraHosts,
                raw.endpointMode().map(m -> checks.enumValue(raw.at().at("endpointMode"), m, Workload.EndpointMode.class))
                        .orElse(Workload.EndpointMode.VIP),
                raw.publishMode().map(m -> checks.enumValue(raw.at().at("publishMode"), m, Workload.PublishMode.class))
                        .orElse(Workload.PublishMode.INGRESS),
                raw.image(), raw.refused(), routedFrom(raw, name, service, host, attachments)));
    }

    /**
     * The hosts that get a route to the container's address on its first network: other hosts of the
     * lab, and a first network that is a bridge with a way out (a route to a container is a bridge's
     * matter: an overlay's addresses are reached over VXLAN, macvlan's on the parent's LAN).
     */
    private List<String> routedFrom(RawWorkload raw, String name, boolean service, Optional<String> host, List<Attachment> attachments) {
        if (raw.routedFrom().isEmpty()) {
            return List.of();
        }
        YamlNode at = raw.at().at("routedFrom");
        if (service) {
            problems.add(at, "'routedFrom' applies to containers: a service's tasks are reached through its VIP or tasks.NAME");
            return List.of();
        }
        Optional<Network> first = attachments.stream().findFirst().map(a -> networks.get(a.network()));
        first.filter(n -> n.driver() != Driver.BRIDGE || n.internal()).ifPresent(n -> problems.add(at, "'routedFrom' routes other hosts to "
                + name + "'s address on its first network, which must be a bridge with a way out; '" + n.name() + "' is "
                + (n.internal() ? "--internal" : n.driver().id()) + ": put a bridge network first in its `networks`"));
        List<String> hosts = new ArrayList<>();
        for (YamlNode node : raw.routedFrom()) {
            if (!checks.knownHost(node, "routedFrom host")) {
                continue;
            }
            if (host.map(node.scalar()::equals).orElse(false)) {
                problems.add(node, "routedFrom lists " + node.scalar() + ", " + name + "'s own host: name the other hosts that get a route to it");
            } else if (!hosts.contains(node.scalar())) {
                hosts.add(node.scalar());
            }
        }
        return hosts;
    }

    /**
     * A host routed to the container must not hold its network too: a bridge is local to each host and its
     * addresses repeat on every host, so the route would take that host's own containers' address away.
     */
    private void checkRoutedFrom(RawWorkload raw, Workload workload, Iterable<Workload> all) {
        if (workload.routedFrom().isEmpty() || workload.networks().isEmpty()) {
            return;
        }
        String network = workload.networks().get(0).network();
        for (Workload other : all) {
            other.host().filter(workload.routedFrom()::contains).filter(h -> other.networks().stream().anyMatch(a -> a.network().equals(network)))
                    .ifPresent(h -> problems.add(raw.at().at("routedFrom"), "routedFrom host " + h + " holds network '" + network + "' too ("
                            + other.name() + "): a bridge's addresses repeat on every host, so a route to " + workload.name()
                            + "'s would hide " + other.name() + "'s; give " + workload.name() + " a network of its own host"));
        }
    }

    /** A workload the lab expects Docker to refuse may name a missing network or break the ip rules: that is its experiment. */
    private Optional<Attachment> attachment(RawAttachment raw, String workload, boolean service, boolean refused,
                                            Map<String, YamlNode> ips) {
        if (raw.network().isEmpty()) {
            return Optional.empty();
        }
        YamlNode nameNode = raw.at().isMap() ? raw.at().fields().get("name") : raw.at();
        if (refused && !networks.containsKey(raw.network().get())) {
            return Optional.of(new Attachment(raw.network().get(), raw.ip(), raw.aliases().stream().map(YamlNode::scalar).toList()));
        }
        if (!checks.knownNetwork(nameNode, "workload '" + workload + "'")) {
            return Optional.empty();
        }
        Network network = networks.get(raw.network().get());
        if (service && !network.swarmScope() && network.driver() != Driver.HOST && network.driver() != Driver.NONE) {
            problems.add(nameNode, "service '" + workload + "' cannot join " + network.driver().id() + " network '" + network.name()
                    + "': services join overlay networks (or host/none)");
        }
        if (!service && !refused) {
            checks.joinable(nameNode, network, "container '" + workload + "'");
        }
        Optional<String> ip = raw.ip().flatMap(text -> {
            YamlNode at = raw.at().fields().get("ip");
            Optional<String> parsed = checks.address(at, text);
            parsed.filter(address -> !refused).ifPresent(address -> checkStaticIp(at, address, network, ips));
            return parsed;
        });
        if (!raw.aliases().isEmpty() && network.defaultBridge()) {
            problems.add(raw.at().fields().get("aliases"), "aliases need a user-defined network; the default bridge has no DNS (use links)");
        }
        return Optional.of(new Attachment(network.name(), ip, raw.aliases().stream().map(YamlNode::scalar).toList()));
    }

    private void checkStaticIp(YamlNode at, String address, Network network, Map<String, YamlNode> ips) {
        if (network.builtIn()) {
            problems.add(at, "Docker refuses a static ip on its built-in '" + network.name() + "' network (user-defined networks only);"
                    + " to show that refusal, mark the workload with `refused: <why>`");
            return;
        }
        if (network.subnet().isEmpty()) {
            problems.add(at, "a static ip needs the network '" + network.name() + "' to have a `subnet`");
            return;
        }
        int value = Ipv4.parse(address);
        if (!network.subnet().get().contains(value)) {
            problems.add(at, "ip " + address + " is outside network '" + network.name() + "' subnet " + network.subnet().get());
        } else if (network.gateway().map(address::equals).orElse(false)) {
            problems.add(at, "ip " + address + " is the gateway of network '" + network.name() + "'");
        }
        YamlNode earlier = ips.putIfAbsent(network.name() + "/" + address, at);
        if (earlier != null) {
            problems.add(at, "ip " + address + " on '" + network.name() + "' is already given at line " + earlier.line());
        }
    }

    private void checkExclusive(RawWorkload raw, List<Attachment> attachments) {
        attachments.stream().filter(a -> networks.containsKey(a.network())) // a refused workload may name a network the lab lacks
                .filter(a -> networks.get(a.network()).driver() == Driver.HOST || networks.get(a.network()).driver() == Driver.NONE)
                .findFirst().filter(a -> attachments.size() > 1)
                .ifPresent(a -> problems.add(raw.at().at("networks"), "a workload on the '" + a.network()
                        + "' network cannot join other networks at the same time"));
    }

    private Optional<Workload.ExtraHost> extraHost(YamlNode node) {
        String[] parts = node.scalar().split(":", 2);
        if (parts.length != 2 || parts[0].isBlank()) {
            problems.add(node, "expected NAME:ADDRESS (e.g. host.docker.internal:host-gateway), found '" + node.scalar() + "'");
            return Optional.empty();
        }
        if (!parts[1].equals("host-gateway")) {
            checks.address(node, parts[1]);
        }
        return Optional.of(new Workload.ExtraHost(parts[0], parts[1]));
    }

    private Optional<Workload.Link> link(YamlNode node) {
        String[] parts = node.scalar().split(":", -1);
        if (parts.length > 2 || parts[0].isBlank()) {
            problems.add(node, "expected NAME or NAME:ALIAS, found '" + node.scalar() + "'");
            return Optional.empty();
        }
        return Optional.of(new Workload.Link(parts[0], parts.length == 2 ? parts[1] : parts[0]));
    }

    private void checkLinks(RawWorkload raw, Workload workload, Map<String, Workload> byName) {
        for (int i = 0; i < workload.links().size(); i++) {
            Workload.Link link = workload.links().get(i);
            YamlNode at = raw.links().get(i);
            Workload target = byName.get(link.container());
            if (target == null || target.kind() != Workload.Kind.CONTAINER) {
                problems.add(at, "link target '" + link.container() + "' is not a container of this lab");
            } else if (!onDefaultBridge(workload) || !onDefaultBridge(target)) {
                problems.add(at, "legacy links work on the default bridge: both '" + workload.name() + "' and '" + target.name()
                        + "' must be on the network 'bridge'");
            } else if (!target.host().equals(workload.host())) {
                problems.add(at, "a link reaches a container on the same host: '" + target.name() + "' runs on "
                        + target.host().orElse("?") + ", not " + workload.host().orElse("?"));
            }
        }
    }

    private static boolean onDefaultBridge(Workload workload) {
        return workload.networks().stream().anyMatch(a -> a.network().equals("bridge"));
    }
}
