package dev.swarmlab.plan;

import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Expectation;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every meaningful cell of a lab's matrix: each agent to each other container on its network
 * (same host and other hosts, by address and by name or alias), to containers on the other
 * local networks of its host (isolation), to its own host's address, and from the hosts' stack
 * to every published port. Each cell carries its expectation: the driver rule, adjusted by
 * preflight's kernel findings, overridden where the lab says so.
 */
public final class ProbePlanner {
    private final Lab lab;
    private final List<Placed> placed;
    private final Map<String, String> hostAddresses;
    private final HostConditions hosts;
    private final List<Cell> cells = new ArrayList<>();
    private final Set<String> sampled = new HashSet<>();

    private ProbePlanner(Lab lab, List<Placed> placed, Map<String, String> hostAddresses, HostConditions hosts) {
        this.lab = lab;
        this.placed = placed;
        this.hostAddresses = hostAddresses;
        this.hosts = hosts;
    }

    public static List<Cell> plan(Lab lab, List<Placed> placed, Map<String, String> hostAddresses, HostConditions hosts, CellFilter filter) {
        return plan(lab, placed, List.of(), hostAddresses, hosts, filter);
    }

    public static List<Cell> plan(Lab lab, List<Placed> placed, List<SwarmService> services, Map<String, String> hostAddresses,
                                  HostConditions hosts, CellFilter filter) {
        return plan(lab, placed, services, hostAddresses, hosts, filter, Optional.empty());
    }

    /**
     * @param outside where egress cells go (every container on every network, over http where the lab
     *                probes http, else tcp), or empty for none
     */
    public static List<Cell> plan(Lab lab, List<Placed> placed, List<SwarmService> services, Map<String, String> hostAddresses,
                                  HostConditions hosts, CellFilter filter, Optional<Outside> outside) {
        ProbePlanner planner = new ProbePlanner(lab, placed, hostAddresses, hosts);
        for (Network network : lab.networks()) {
            for (Placed source : sources(placed, network.name())) {
                planner.peers(source, network);
                planner.isolation(source, network);
                planner.toHost(source, network);
                planner.links(source, network);
                outside.ifPresent(o -> planner.outside(source, network, o));
            }
        }
        planner.published();
        services.forEach(planner::service);
        return planner.cells.stream().filter(filter::keeps).map(planner::stopped).map(cell -> LabOverrides.apply(lab, cell)).toList();
    }

    /** A container a lab step stopped answers nothing, by address or by name. */
    private Cell stopped(Cell cell) {
        boolean down = placed.stream().anyMatch(p -> p.name().equals(cell.target()) && !p.running());
        return down ? cell.withExpected(new Expected(Expectation.Outcome.BLOCKED, cell.target() + " is stopped: a stopped container answers"
                + " nothing, and its name leaves Docker's DNS (concepts 7)", Expected.Source.RULE)) : cell;
    }

    /** Who probes on a network: its running agents, and the container workloads on it that run the agent image (an "app" probing its "db"). */
    private static List<Placed> sources(List<Placed> placed, String network) {
        return placed.stream().filter(p -> p.running() && p.agent().on(network) && (p.agent().role() == Agent.Role.AGENT
                || p.agent().workload().map(w -> w.image().isEmpty()).orElse(false))).toList();
    }

    private void peers(Placed source, Network network) {
        for (Placed target : placed) {
            if (target == source || !target.agent().on(network.name())) {
                continue;
            }
            Optional<String> address = switch (network.driver()) {
                case HOST -> Optional.ofNullable(hostAddresses.get(target.host()));
                case NONE -> Optional.empty();
                default -> target.address(network.name());
            };
            address.ifPresent(a -> add(source, network, target, network, Route.ADDRESS, a));
            List<String> names = new ArrayList<>(List.of(target.name()));
            names.addAll(target.agent().aliases(network.name()));
            names.forEach(name -> add(source, network, target, network, Route.NAME, name));
        }
    }

    /** The first agent of each other bridge-like network on the same host, by address: Docker keeps networks apart. */
    /**
     * From a container on a bridge to the containers of the host's other bridges that it shares no
     * network with (one agent per network, and every workload), by their address there.
     */
    private void isolation(Placed source, Network network) {
        if (!bridgeLike(network)) {
            return;
        }
        Set<String> tried = new HashSet<>(); // a container on two other bridges is tried once
        for (Network other : lab.networks()) {
            if (other.name().equals(network.name()) || !bridgeLike(other) || source.agent().on(other.name())) {
                continue;
            }
            List<Placed> there = placed.stream().filter(p -> p.host().equals(source.host()) && p.agent().on(other.name())
                    && !p.agent().on(network.name())).toList();
            List<Placed> targets = new ArrayList<>(there.stream().filter(p -> p.agent().role() == Agent.Role.AGENT).limit(1).toList());
            targets.addAll(there.stream().filter(p -> p.agent().role() == Agent.Role.WORKLOAD).toList());
            targets.stream().filter(t -> tried.add(t.name()))
                    .forEach(t -> t.address(other.name()).ifPresent(a -> add(source, network, t, other, Route.ISOLATION, a)));
        }
    }

    private static boolean bridgeLike(Network network) {
        return network.driver() == Driver.BRIDGE;
    }

    /** To the host's own address: its host-mode agent answers there when the lab has one, sshd's port 22 otherwise. */
    private void toHost(Placed source, Network network) {
        String address = hostAddresses.get(source.host());
        if (address == null) {
            return;
        }
        Optional<Placed> hostAgent = placed.stream().filter(p -> p.host().equals(source.host()) && p.agent().role() == Agent.Role.AGENT
                && lab.network(p.agent().firstNetwork()).map(n -> n.driver() == Driver.HOST).orElse(false)).findFirst();
        for (ProbeKind probe : lab.probes()) {
            if (!applies(probe, Route.HOST) || hostAgent.isEmpty() && probe != ProbeKind.TCP && probe != ProbeKind.ICMP) {
                continue;
            }
            int port = hostAgent.isPresent() ? port(probe) : probe == ProbeKind.TCP ? 22 : 0;
            Optional<String> expectName = hostAgent.filter(h -> probe.identified()).map(Placed::name);
            cell(source, network, "host " + source.host(), source.host(), network, Route.HOST, probe, address, port, expectName);
            if (source.agent().role() == Agent.Role.WORKLOAD && bridgeLike(network) && probe != ProbeKind.ICMP) {
                hostByName(source, network, probe, port, expectName);
            }
        }
        if (source.agent().role() == Agent.Role.WORKLOAD && bridgeLike(network) && lab.probes().contains(ProbeKind.TCP)) {
            cell(source, network, source.name() + " itself", source.host(), Route.SELF, ProbeKind.TCP, "localhost", Agent.TCP_PORT,
                    Optional.of(source.name()), Expectation.Outcome.REACHABLE, "localhost in a container is the container itself, not its host"
                            + " (concepts 2)");
        }
    }

    private void outside(Placed source, Network network, Outside outside) {
        ProbeKind probe = lab.probes().contains(ProbeKind.HTTP) ? ProbeKind.HTTP : ProbeKind.TCP;
        cell(source, network, "outside " + outside.host(), "outside", network, Route.OUTSIDE, probe, outside.host(), outside.port(), Optional.empty());
    }

    /**
     * Legacy links on the default bridge: the linking container reaches the linked one by the alias
     * (an /etc/hosts entry), and the linked one cannot use the alias back: a link is one-way.
     */
    private void links(Placed source, Network network) {
        List<Workload.Link> links = source.agent().workload().map(Workload::links).orElse(List.of());
        for (Workload.Link link : links) {
            Optional<Placed> linked = placed.stream().filter(p -> p.name().equals(link.container()) && p.running()).findFirst();
            if (linked.isEmpty() || !linked.get().agent().on(network.name())) {
                continue;
            }
            for (ProbeKind probe : lab.probes()) {
                if (!applies(probe, Route.LINK)) {
                    continue;
                }
                cell(source, network, linked.get().name(), linked.get().host(), Route.LINK, probe, link.alias(), port(probe, linked.get()),
                        Optional.of(linked.get().name()).filter(n -> probe.identified()), Expectation.Outcome.REACHABLE, "--link "
                                + link.container() + ":" + link.alias() + " writes " + link.alias() + " into " + source.name()
                                + "'s /etc/hosts (concepts 3 link)");
                cell(linked.get(), network, source.name(), source.host(), Route.LINK, probe, link.alias(), port(probe, source),
                        Optional.of(source.name()).filter(n -> probe.identified()), Expectation.Outcome.BLOCKED, "a link is one-way: "
                                + link.alias() + " is only in " + source.name() + "'s /etc/hosts, not in " + link.container() + "'s (concepts 3 link)");
            }
        }
    }

    /**
     * From a workload, its host by the name host.docker.internal: on Linux the name exists only
     * where the container was run with --add-host host.docker.internal:host-gateway.
     */
    private void hostByName(Placed source, Network network, ProbeKind probe, int port, Optional<String> expectName) {
        boolean added = source.agent().workload().map(w -> w.extraHosts().stream().anyMatch(h -> h.name().equals("host.docker.internal")))
                .orElse(false);
        cell(source, network, "host " + source.host(), source.host(), Route.HOST_NAME, probe, "host.docker.internal", port, expectName,
                added ? Expectation.Outcome.REACHABLE : Expectation.Outcome.BLOCKED, added
                ? "--add-host host.docker.internal:host-gateway maps the name to the host's gateway address: the host answers (concepts 2)"
                : "without --add-host host.docker.internal:host-gateway the name does not resolve in a Linux container (concepts 2)");
    }

    /**
     * From each host's own stack (its host-mode agent), every workload's published TCP port at the
     * address it is published on; and every port the workload listens on but does not publish, at
     * its host's address, where nothing should answer.
     */
    private void published() {
        List<Placed> hostAgents = hostAgents();
        for (Placed workload : placed.stream().filter(p -> p.agent().role() == Agent.Role.WORKLOAD).toList()) {
            Set<Integer> published = new HashSet<>();
            for (Map.Entry<String, List<String>> port : workload.ports().entrySet()) {
                if (!port.getKey().endsWith("/tcp") || port.getValue().isEmpty()) {
                    continue;
                }
                published.add(Integer.parseInt(port.getKey().substring(0, port.getKey().indexOf('/'))));
                String binding = port.getValue().get(0);
                String hostIp = binding.substring(0, binding.lastIndexOf(':'));
                int hostPort = Integer.parseInt(binding.substring(binding.lastIndexOf(':') + 1));
                boolean everywhere = hostIp.isEmpty() || hostIp.equals("0.0.0.0");
                for (Placed source : hostAgents) {
                    Network network = lab.network(source.agent().firstNetwork()).orElseThrow();
                    // Bound to one address (-p IP:HOST:CONTAINER): there it answers; at the host's own address, from elsewhere, it does not.
                    boolean bound = !everywhere && !source.host().equals(workload.host());
                    String dial = everywhere || bound ? hostAddresses.get(workload.host()) : hostIp;
                    // The agent's HTTP port speaks HTTP (no greeting line): probe it with http.
                    ProbeKind probe = port.getKey().equals(Agent.HTTP_PORT + "/tcp") ? ProbeKind.HTTP : ProbeKind.TCP;
                    String target = workload.name() + " " + port.getKey() + " at " + workload.host() + ":" + hostPort;
                    if (bound) {
                        cell(source, network, target, workload.host(), Route.PUBLISHED, probe, dial, hostPort, Optional.empty(),
                                Expectation.Outcome.BLOCKED, "-p " + hostIp + ":" + hostPort + ":" + port.getKey().replace("/tcp", "")
                                        + " publishes on " + hostIp + " only: the host's other addresses do not answer on " + hostPort
                                        + " (concepts 5 -p)");
                    } else {
                        cell(source, network, target, workload.host(), network, Route.PUBLISHED, probe, dial, hostPort, Optional.empty());
                    }
                }
            }
            List<Integer> listened = workload.agent().workload().map(Workload::listen).orElse(List.of());
            for (int port : listened.stream().filter(p -> !published.contains(p)).toList()) {
                for (Placed source : hostAgents) {
                    Network network = lab.network(source.agent().firstNetwork()).orElseThrow();
                    cell(source, network, workload.name() + " " + port + "/tcp at " + workload.host() + ":" + port, workload.host(), network,
                            Route.UNPUBLISHED, ProbeKind.TCP, hostAddresses.get(workload.host()), port, Optional.empty());
                }
            }
        }
    }

    /**
     * A Swarm service, from every agent on each of its networks: by its name (and aliases), by
     * tasks.NAME, and each task by address; and its published ports at every host's address,
     * from each host's own stack (the ingress routing mesh answers on every node).
     */
    private void service(SwarmService service) {
        Workload workload = lab.workloads().stream().filter(w -> w.name().equals(service.name())).findFirst().orElseThrow();
        boolean vip = workload.endpointMode() == Workload.EndpointMode.VIP;
        for (Workload.Attachment attachment : workload.networks()) {
            Network network = lab.network(attachment.network()).orElseThrow();
            for (Placed source : sources(placed, attachment.network())) {
                List<String> names = new ArrayList<>(List.of(service.name()));
                names.addAll(attachment.aliases());
                for (ProbeKind probe : lab.probes()) {
                    Optional<String> expect = Optional.of(service.name()).filter(n -> probe.identified());
                    if (applies(probe, Route.SERVICE)) {
                        names.forEach(name -> cell(source, network, service.name(), SWARM, network, Route.SERVICE, probe, name, port(probe),
                                expect, vip));
                        cell(source, network, service.name(), SWARM, network, Route.TASKS, probe, "tasks." + service.name(), port(probe),
                                expect, false);
                    }
                    for (SwarmService.Task task : service.tasks()) {
                        String address = task.addresses().get(attachment.network());
                        if (address != null && applies(probe, Route.ADDRESS)) {
                            cell(source, network, service.name() + "@" + task.node(), task.node(), network, Route.ADDRESS, probe, address,
                                    port(probe), expect, false);
                        }
                    }
                }
            }
        }
        for (Placed source : hostAgents()) {
            Network network = lab.network(source.agent().firstNetwork()).orElseThrow();
            for (int published : service.publishedTcp()) {
                hostAddresses.forEach((host, address) -> {
                    String target = service.name() + " :" + published + " at " + host;
                    if (workload.publishMode() == Workload.PublishMode.INGRESS) {
                        cell(source, network, target, host, network, Route.PUBLISHED, ProbeKind.TCP, address, published, Optional.of(service.name()), true);
                        return;
                    }
                    boolean task = service.tasks().stream().anyMatch(t -> t.node().equals(host) && t.state().equals("running"));
                    cell(source, network, target, host, Route.PUBLISHED, ProbeKind.TCP, address, published, Optional.of(service.name()),
                            task ? Expectation.Outcome.REACHABLE : Expectation.Outcome.BLOCKED, task
                                    ? "mode=host publishing: the port answers on a node where a task runs, through that task's own port"
                                    + " mapping (no routing mesh, no IPVS) (concepts 5 mode=host)"
                                    : "mode=host publishing: a node where no task runs has nothing on the port (concepts 5 mode=host)");
                });
            }
        }
    }

    /** Where a cell's target is the swarm as a whole (a service's name), not one host. */
    static final String SWARM = "swarm";

    private List<Placed> hostAgents() {
        return placed.stream().filter(p -> p.agent().role() == Agent.Role.AGENT
                && lab.network(p.agent().firstNetwork()).map(n -> n.driver() == Driver.HOST).orElse(false)).toList();
    }

    private void add(Placed source, Network network, Placed target, Network targetNetwork, Route route, String dial) {
        for (ProbeKind probe : lab.probes()) {
            if (applies(probe, route)) {
                cell(source, network, target.name(), target.host(), targetNetwork, route, probe, dial, port(probe, target),
                        Optional.of(target.name()).filter(n -> probe.identified()));
            }
        }
    }

    /** tcp to a workload that listens on ports of its own (a db on 27017) dials the first of them; anything else, the probe's port. */
    private static int port(ProbeKind probe, Placed target) {
        List<Integer> listened = target.agent().workload().map(Workload::listen).orElse(List.of());
        return probe == ProbeKind.TCP && !listened.isEmpty() ? listened.get(0) : port(probe);
    }

    /** dns only resolves names; the measuring probes (latency, throughput, mtu) run by address, where they mean something. */
    private static boolean applies(ProbeKind probe, Route route) {
        return switch (probe) {
            case DNS -> route == Route.NAME || route == Route.SERVICE || route == Route.TASKS;
            case ICMP, TCP, UDP, HTTP -> true;
            case LATENCY, THROUGHPUT, MTU -> route == Route.ADDRESS;
        };
    }

    private void cell(Placed source, Network network, String target, String targetHost, Network targetNetwork, Route route, ProbeKind probe,
                      String dial, int port, Optional<String> expectName) {
        cell(source, network, target, targetHost, targetNetwork, route, probe, dial, port, expectName, false, Optional.empty());
    }

    private void cell(Placed source, Network network, String target, String targetHost, Network targetNetwork, Route route, ProbeKind probe,
                      String dial, int port, Optional<String> expectName, boolean viaIpvs) {
        cell(source, network, target, targetHost, targetNetwork, route, probe, dial, port, expectName, viaIpvs, Optional.empty());
    }

    /** A cell whose expectation comes from the situation the planner sees (a flag, a binding, a link), not from the driver table. */
    private void cell(Placed source, Network network, String target, String targetHost, Route route, ProbeKind probe, String dial, int port,
                      Optional<String> expectName, Expectation.Outcome outcome, String reason) {
        cell(source, network, target, targetHost, network, route, probe, dial, port, expectName, false,
                Optional.of(new Expected(outcome, reason, Expected.Source.RULE)));
    }

    private void cell(Placed source, Network network, String target, String targetHost, Network targetNetwork, Route route, ProbeKind probe,
                      String dial, int port, Optional<String> expectName, boolean viaIpvs, Optional<Expected> given) {
        boolean sameHost = source.host().equals(targetHost);
        // Throughput is a property of the path, not of the pair: one sample per network, same host and cross-host (run alone).
        if (probe == ProbeKind.THROUGHPUT && !sampled.add(network.name() + "/" + targetNetwork.name() + "/" + route + "/" + sameHost)) {
            return;
        }
        boolean espMissing = hosts.lacks(source.host(), "esp") || hosts.lacks(targetHost, "esp");
        boolean ipvsMissing = hosts.lacks(source.host(), "ip_vs") || hosts.lacks(targetHost, "ip_vs");
        boolean cut = !targetHost.equals(SWARM) && (hosts.isCut(source.host()) || hosts.isCut(targetHost));
        DriverRules.Situation situation = new DriverRules.Situation(network, targetNetwork, route, sameHost, probe, viaIpvs, espMissing,
                ipvsMissing, hosts.underlayMtu(source.host()), hosts.underlayMtu(targetHost), cut);
        Expected expected = DriverRules.acrossACut(situation).or(() -> given).or(() -> linkedByName(source, route, dial, target))
                .orElseGet(() -> DriverRules.expect(situation));
        boolean byName = route == Route.NAME || route == Route.SERVICE || route == Route.TASKS;
        Optional<String> shadow = byName ? Optional.empty() : shadow(source, dial, target);
        String id = network.name() + "/" + source.name() + "/" + route.name().toLowerCase(Locale.ROOT) + "/" + probe.wire() + "/" + target
                .replace(' ', '_') + (byName && !dial.equals(target) ? "/" + dial : "");
        cells.add(new Cell(id, network.name(), source.name(), source.host(), target, targetHost, route, probe, dial, port, expectName,
                shadow, expected));
    }

    /** --link NAME:ALIAS writes NAME itself into the linking container's /etc/hosts too: by that name it resolves, even on the default bridge. */
    private static Optional<Expected> linkedByName(Placed source, Route route, String dial, String target) {
        boolean linked = route == Route.NAME && dial.equals(target) && source.agent().workload().map(w -> w.links().stream()
                .anyMatch(l -> l.container().equals(target))).orElse(false);
        return linked ? Optional.of(new Expected(Expectation.Outcome.REACHABLE, "--link writes " + target + " itself into " + source.name()
                + "'s /etc/hosts too (concepts 3 link)", Expected.Source.RULE)) : Optional.empty();
    }

    /** Another container on the source's host with the dialled address (bridges reuse addresses on every host). */
    private Optional<String> shadow(Placed source, String address, String target) {
        return placed.stream().filter(p -> p.host().equals(source.host()) && !p.name().equals(target)
                && p.addresses().containsValue(address)).map(Placed::name).findFirst();
    }

    private static int port(ProbeKind probe) {
        return switch (probe) {
            case TCP, LATENCY, THROUGHPUT -> Agent.TCP_PORT;
            case UDP, MTU -> Agent.UDP_PORT;
            case HTTP -> Agent.HTTP_PORT;
            case ICMP, DNS -> 0;
        };
    }
}
