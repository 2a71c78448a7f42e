package dev.swarmlab.plan;

import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Expectation;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every meaningful cell of a lab's matrix: each agent to each other container on its network
 * (same host and other hosts, by address, by name and by every alias, an alias that several hold
 * answered by any of them), to the containers of the networks it is not on (isolation: the host's
 * other bridges, every overlay's containers on any host), to its own host's address, to the
 * outside; and the published ports (see {@link PortPaths}). Each cell carries its expectation:
 * the driver rules over the source container's networks, adjusted by preflight's kernel findings,
 * overridden where the lab says so.
 */
public final class ProbePlanner {
    private final Deployed deployed;
    private final CellSink sink;

    private ProbePlanner(Deployed deployed) {
        this.deployed = deployed;
        this.sink = new CellSink(deployed);
    }

    public static List<Cell> plan(Lab lab, List<Placed> placed, Map<String, String> hostAddresses, HostConditions hosts, CellFilter filter) {
        return plan(lab, placed, List.of(), hostAddresses, hosts, filter);
    }

    public static List<Cell> plan(Lab lab, List<Placed> placed, List<SwarmService> services, Map<String, String> hostAddresses,
                                  HostConditions hosts, CellFilter filter) {
        return plan(lab, placed, services, hostAddresses, hosts, filter, Optional.empty());
    }

    /** @param outside where egress cells go (every container on every network, over http), or empty for none */
    public static List<Cell> plan(Lab lab, List<Placed> placed, List<SwarmService> services, Map<String, String> hostAddresses,
                                  HostConditions hosts, CellFilter filter, Optional<Outside> outside) {
        ProbePlanner planner = new ProbePlanner(new Deployed(lab, placed, hostAddresses, hosts));
        for (Network network : lab.networks()) {
            for (Placed source : planner.deployed.sources(network.name())) {
                planner.peers(source, network);
                planner.isolation(source, network);
                planner.toHost(source, network);
                planner.links(source, network);
                outside.ifPresent(o -> planner.sink.add(source, network, "outside " + o.host(), "outside", network, Route.OUTSIDE, ProbeKind.HTTP,
                        o.host(), o.port(), List.of(), false));
            }
        }
        PortPaths ports = new PortPaths(planner.deployed, planner.sink);
        ports.published();
        services.forEach(ports::service);
        return planner.sink.cells().stream().filter(filter::keeps).map(planner::stopped).map(cell -> LabOverrides.apply(lab, cell)).toList();
    }

    /** A container a lab step stopped answers nothing, by address or by name; a name that several hold answers while one of them runs. */
    private Cell stopped(Cell cell) {
        List<String> running = deployed.placed().stream().filter(Placed::running).map(Placed::name).toList();
        boolean down = cell.answerers().size() > 1 ? running.stream().noneMatch(cell.answerers()::contains)
                : deployed.placed().stream().anyMatch(p -> p.name().equals(cell.target()) && !p.running());
        return down ? cell.withExpected(new Expected(Expectation.Outcome.BLOCKED, Reason.of("stack.stopped", cell.target()).cited("7"),
                Expected.Source.RULE)) : cell;
    }

    /**
     * Each other container of the network by its address; and each name held on it (a container's, an alias) by that
     * name. A name resolves in the source's own resolver over all its networks with an embedded DNS: it is answered by
     * every container that holds it where the source sees it (an overlay's on any host, a local network's on the source's
     * host), and the network that resolves it decides the path (the cell's own where it does, else another of the source's).
     */
    private void peers(Placed source, Network network) {
        List<Placed> members = deployed.placed().stream().filter(p -> p.agent().on(network.name())).toList();
        Map<String, List<Placed>> names = new LinkedHashMap<>();
        for (Placed target : members) {
            names.computeIfAbsent(target.name(), n -> new ArrayList<>()).add(target);
            target.agent().aliases(network.name()).forEach(alias -> names.computeIfAbsent(alias, a -> new ArrayList<>()).add(target));
            if (target == source) {
                continue;
            }
            Optional<String> address = switch (network.driver()) {
                case HOST -> Optional.ofNullable(deployed.hostAddresses().get(target.host()));
                case NONE -> Optional.empty();
                default -> target.address(network.name());
            };
            address.ifPresent(a -> sink.each(source, network, target, network, Route.ADDRESS, a, List.of(target.name())));
        }
        names.forEach((name, here) -> {
            if (here.size() == 1 && here.get(0) == source) {
                return; // its own name only: no path to probe
            }
            Network deciding = network;
            List<Placed> answering = new ArrayList<>();
            for (Network resolver : resolvers(source, network)) {
                List<Placed> seen = holders(resolver, name).stream().filter(p -> resolver.swarmScope() || p.host().equals(source.host())).toList();
                if (answering.isEmpty() && seen.stream().anyMatch(p -> p != source)) {
                    deciding = resolver;
                }
                seen.stream().filter(p -> !answering.contains(p)).forEach(answering::add);
            }
            if (answering.size() == 1 && answering.get(0) == source) {
                return; // where the source looks, the name is its own (an alias another host's container holds too): no path
            }
            if (answering.isEmpty()) {
                answering.addAll(here); // seen nowhere: another host's, on a local network (the rules say so)
            }
            Network on = deciding;
            Placed target = answering.stream().filter(p -> p != source && p.running() && p.agent().on(on.name())).findFirst()
                    .orElse(answering.stream().filter(p -> p != source).findFirst().orElse(answering.get(0)));
            sink.each(source, network, target, deciding, Route.NAME, name, answering.stream().map(Placed::name).toList());
        });
    }

    /** The source's networks whose embedded DNS it asks, the cell's own first: user-defined networks (the default bridge, host and none have none). */
    private List<Network> resolvers(Placed source, Network network) {
        List<Network> resolvers = new ArrayList<>(List.of(network));
        deployed.stack(source).stream().filter(n -> n != network && !n.builtIn()).forEach(resolvers::add);
        return resolvers;
    }

    /** Who answers to a name on a network: the container of that name, and those with it as an alias there. */
    private List<Placed> holders(Network network, String name) {
        return deployed.placed().stream().filter(p -> p.agent().on(network.name()) && (p.name().equals(name)
                || p.agent().aliases(network.name()).contains(name))).toList();
    }

    /**
     * From a container on a bridge or an overlay to the containers of the other bridges and overlays
     * it is not on (one agent per network, and every workload), by their address there: the host's
     * other bridges (a bridge's addresses repeat on other hosts), every overlay's containers on any host.
     */
    private void isolation(Placed source, Network network) {
        if (!kept(network)) {
            return;
        }
        Set<String> tried = new HashSet<>(); // a container on two other networks is tried once
        for (Network other : deployed.lab().networks()) {
            if (other.name().equals(network.name()) || !kept(other) || source.agent().on(other.name())) {
                continue;
            }
            List<Placed> there = deployed.placed().stream().filter(p -> (other.swarmScope() || p.host().equals(source.host()))
                    && p.agent().on(other.name()) && !p.agent().on(network.name())).toList();
            List<Placed> targets = new ArrayList<>(there.stream().filter(p -> p.agent().role() == Agent.Role.AGENT).limit(1).toList());
            targets.addAll(there.stream().filter(p -> p.agent().role() == Agent.Role.WORKLOAD).toList());
            targets.stream().filter(t -> tried.add(t.name())).forEach(t -> t.address(other.name())
                    .ifPresent(a -> sink.each(source, network, t, other, Route.ISOLATION, a, List.of(t.name()))));
        }
    }

    /** The networks Docker keeps apart from each other: bridges and overlays. */
    private static boolean kept(Network network) {
        return network.driver() == Driver.BRIDGE || network.driver() == Driver.OVERLAY;
    }

    /** To the host's own address: its host-mode agent answers there when the lab has one, sshd's port 22 otherwise. */
    private void toHost(Placed source, Network network) {
        String address = deployed.hostAddresses().get(source.host());
        if (address == null) {
            return;
        }
        Optional<Placed> hostAgent = deployed.hostAgents().stream().filter(p -> p.host().equals(source.host())).findFirst();
        for (ProbeKind probe : deployed.lab().probes()) {
            if (!Deployed.applies(probe, Route.HOST) || hostAgent.isEmpty() && probe != ProbeKind.TCP && probe != ProbeKind.ICMP) {
                continue;
            }
            int port = hostAgent.isPresent() ? Deployed.port(probe) : probe == ProbeKind.TCP ? 22 : 0;
            List<String> answerers = hostAgent.filter(h -> probe.identified()).map(h -> List.of(h.name())).orElse(List.of());
            sink.add(source, network, "host " + source.host(), source.host(), network, Route.HOST, probe, address, port, answerers, false);
            if (source.agent().role() == Agent.Role.WORKLOAD && network.driver() == Driver.BRIDGE && probe != ProbeKind.ICMP) {
                hostByName(source, network, probe, port, answerers);
            }
        }
        if (source.agent().role() == Agent.Role.WORKLOAD && network.driver() == Driver.BRIDGE && deployed.lab().probes().contains(ProbeKind.TCP)) {
            sink.add(source, network, source.name() + " itself", source.host(), Route.SELF, ProbeKind.TCP, "localhost", Agent.TCP_PORT,
                    List.of(source.name()), Expectation.Outcome.REACHABLE, Reason.of("stack.localhost").cited("2"));
        }
    }

    /**
     * From a workload, its host by the name host.docker.internal: on Linux the name exists only
     * where the container was run with --add-host host.docker.internal:host-gateway.
     */
    private void hostByName(Placed source, Network network, ProbeKind probe, int port, List<String> answerers) {
        boolean added = source.agent().workload().map(w -> w.extraHosts().stream().anyMatch(h -> h.name().equals("host.docker.internal")))
                .orElse(false);
        sink.add(source, network, "host " + source.host(), source.host(), Route.HOST_NAME, probe, "host.docker.internal", port, answerers,
                added ? Expectation.Outcome.REACHABLE : Expectation.Outcome.BLOCKED,
                Reason.of(added ? "names.host-gateway-added" : "names.host-gateway-missing").cited("2"));
    }

    /**
     * Legacy links on the default bridge: the linking container reaches the linked one by the alias
     * (an /etc/hosts entry), and the linked one cannot use the alias back: a link is one-way.
     */
    private void links(Placed source, Network network) {
        List<Workload.Link> links = source.agent().workload().map(Workload::links).orElse(List.of());
        for (Workload.Link link : links) {
            Optional<Placed> linked = deployed.placed().stream().filter(p -> p.name().equals(link.container()) && p.running()).findFirst();
            if (linked.isEmpty() || !linked.get().agent().on(network.name())) {
                continue;
            }
            for (ProbeKind probe : deployed.lab().probes()) {
                if (!Deployed.applies(probe, Route.LINK)) {
                    continue;
                }
                sink.add(source, network, linked.get().name(), linked.get().host(), Route.LINK, probe, link.alias(),
                        Deployed.port(probe, linked.get()), identity(probe, linked.get()), Expectation.Outcome.REACHABLE,
                        Reason.of("names.link", link.container(), link.alias(), source.name()).cited("3 link"));
                sink.add(linked.get(), network, source.name(), source.host(), Route.LINK, probe, link.alias(), Deployed.port(probe, source),
                        identity(probe, source), Expectation.Outcome.BLOCKED,
                        Reason.of("names.link-one-way", link.alias(), source.name(), link.container()).cited("3 link"));
            }
        }
    }

    static List<String> identity(ProbeKind probe, Placed who) {
        return probe.identified() ? List.of(who.name()) : List.of();
    }
}
