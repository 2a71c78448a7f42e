package dev.swarmlab.plan;

import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Expectation;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paths to published ports: every workload's published port of each protocol at its host's
 * address (or the one it is bound to), from each host's own stack and from the other containers on
 * the same host; the ports it listens on without publishing them; the container's own address from
 * the hosts the lab routes to it; a service's ports through the routing mesh or on the nodes its tasks run on.
 */
final class PortPaths {
    private final Deployed deployed;
    private final CellSink sink;

    PortPaths(Deployed deployed, CellSink sink) {
        this.deployed = deployed;
        this.sink = sink;
    }

    /**
     * A port as Docker reports it published: "8080/tcp" on ["0.0.0.0:32768"]; host port 0 where it reports none
     * ("0.0.0.0:", a bridge in gateway mode routed: the port is open on the container's address only).
     */
    private record Binding(int containerPort, String protocol, String hostIp, int hostPort) {
        static Binding of(String port, String binding) {
            String hostPort = binding.substring(binding.lastIndexOf(':') + 1);
            return new Binding(Integer.parseInt(port.substring(0, port.indexOf('/'))), port.substring(port.indexOf('/') + 1),
                    binding.substring(0, binding.lastIndexOf(':')), hostPort.isEmpty() ? 0 : Integer.parseInt(hostPort));
        }

        boolean mapped() {
            return hostPort != 0;
        }

        /** The cell's target: "app 80/tcp at h1:8080". */
        String target(Placed workload, int port) {
            return workload.name() + " " + containerPort + "/" + protocol + " at " + workload.host() + ":" + port;
        }

        boolean everywhere() {
            return hostIp.isEmpty() || hostIp.equals("0.0.0.0");
        }

        String flag() {
            return "-p " + (everywhere() ? "" : hostIp + ":") + hostPort + ":" + containerPort + (protocol.equals("tcp") ? "" : "/" + protocol);
        }
    }

    void published() {
        for (Placed workload : deployed.placed().stream().filter(p -> p.agent().role() == Agent.Role.WORKLOAD).toList()) {
            Set<Integer> published = new HashSet<>();
            for (Map.Entry<String, List<String>> port : workload.ports().entrySet()) {
                if (port.getValue().isEmpty() || !port.getKey().endsWith("/tcp") && !port.getKey().endsWith("/udp")) {
                    continue;
                }
                Binding binding = Binding.of(port.getKey(), port.getValue().get(0));
                // The agent's HTTP port speaks HTTP (no greeting line): probe it with http. UDP where the lab probes udp.
                ProbeKind probe = binding.protocol().equals("udp") ? ProbeKind.UDP
                        : binding.containerPort() == Agent.HTTP_PORT ? ProbeKind.HTTP : ProbeKind.TCP;
                if (probe == ProbeKind.UDP && !deployed.lab().probes().contains(ProbeKind.UDP)) {
                    continue;
                }
                if (probe != ProbeKind.UDP) {
                    published.add(binding.containerPort());
                }
                if (binding.mapped()) {
                    fromHosts(workload, binding, probe);
                    fromNeighbours(workload, binding, probe);
                } else {
                    unmapped(workload, binding, probe);
                }
            }
            unpublished(workload, published);
            routed(workload, published);
        }
    }

    /**
     * From each host the lab routes to the container (routedFrom), at the container's own address on its
     * first network: every port it listens on or publishes, each as published or not.
     */
    private void routed(Placed workload, Set<Integer> published) {
        Workload spec = workload.agent().workload().orElseThrow();
        if (spec.routedFrom().isEmpty() || spec.networks().isEmpty()) {
            return;
        }
        Network network = deployed.network(spec.networks().get(0).network());
        String address = workload.addresses().get(network.name());
        if (address == null) {
            return;
        }
        Set<Integer> ports = new TreeSet<>(spec.listen());
        ports.addAll(published);
        for (Placed source : deployed.hostAgents().stream().filter(a -> spec.routedFrom().contains(a.host())).toList()) {
            Network from = deployed.network(source.agent().firstNetwork());
            for (int port : ports) {
                Route route = published.contains(port) ? Route.DIRECT : Route.DIRECT_UNPUBLISHED;
                ProbeKind probe = port == Agent.HTTP_PORT ? ProbeKind.HTTP : ProbeKind.TCP;
                sink.add(source, from, workload.name() + " " + port + "/tcp at " + address, workload.host(), network, route, probe, address, port,
                        List.of(), false);
            }
        }
    }

    /** From each host's own stack: at the address it is bound to there, and, bound to one address, not at another host's. */
    private void fromHosts(Placed workload, Binding binding, ProbeKind probe) {
        String target = binding.target(workload, binding.hostPort());
        Network workloadNetwork = deployed.publishing(workload);
        for (Placed source : deployed.hostAgents()) {
            Network network = deployed.network(source.agent().firstNetwork());
            // Bound to one address (-p IP:HOST:CONTAINER): there it answers; at the host's own address, from elsewhere, it does not.
            boolean bound = !binding.everywhere() && !source.host().equals(workload.host());
            String dial = binding.everywhere() || bound ? deployed.hostAddresses().get(workload.host()) : binding.hostIp();
            if (bound) {
                sink.add(source, network, target, workload.host(), Route.PUBLISHED, probe, dial, binding.hostPort(), List.of(),
                        Expectation.Outcome.BLOCKED, Reason.of("filter.bound-elsewhere", binding.flag(), binding.hostIp(), binding.hostPort())
                                .cited("5 -p"));
            } else {
                sink.add(source, network, target, workload.host(), workloadNetwork, Route.PUBLISHED, probe, dial, binding.hostPort(), List.of(),
                        false);
            }
        }
    }

    /**
     * From every other container on the workload's host (one per network it probes from), at the
     * host's address: a container reaches its own host's published ports, unless it has no route to
     * the host, or the port is bound to another address.
     */
    private void fromNeighbours(Placed workload, Binding binding, ProbeKind probe) {
        String address = deployed.hostAddresses().get(workload.host());
        if (address == null) {
            return;
        }
        String target = binding.target(workload, binding.hostPort());
        Set<String> tried = new HashSet<>();
        for (Network network : deployed.lab().networks()) {
            if (network.driver() == Network.Driver.HOST) {
                continue; // the host's own stack: fromHosts
            }
            for (Placed source : deployed.sources(network.name())) {
                if (source == workload || !source.host().equals(workload.host()) || !tried.add(source.name())) {
                    continue;
                }
                if (!binding.everywhere() && !binding.hostIp().equals(address)) {
                    sink.add(source, network, target, workload.host(), Route.PUBLISHED, probe, address, binding.hostPort(), List.of(),
                            Expectation.Outcome.BLOCKED, Reason.of("filter.bound-not-here", binding.flag(), binding.hostIp(), address,
                                    binding.hostPort()).cited("5 -p"));
                } else {
                    sink.add(source, network, target, workload.host(), deployed.publishing(workload), Route.PUBLISHED, probe, address,
                            binding.hostPort(), List.of(), false);
                }
            }
        }
    }

    /**
     * A port Docker published with no host port (gateway mode routed): at the host port the lab asked for, from each host's
     * own stack, nothing answers. A lab that asked for none (-p 80, -P) has no host port to try.
     */
    private void unmapped(Placed workload, Binding binding, ProbeKind probe) {
        Workload spec = workload.agent().workload().orElseThrow();
        spec.publish().stream().filter(p -> p.container().port() == binding.containerPort() && p.container().protocol().equals(binding.protocol()))
                .flatMapToInt(p -> p.hostPort().stream()).distinct().forEach(asked -> {
                    String target = binding.target(workload, asked);
                    for (Placed source : deployed.hostAgents()) {
                        sink.add(source, deployed.network(source.agent().firstNetwork()), target, workload.host(), Route.PUBLISHED, probe,
                                deployed.hostAddresses().get(workload.host()), asked, List.of(), Expectation.Outcome.BLOCKED,
                                Reason.of("filter.routed-no-host-port", "-p " + asked + ":" + binding.containerPort(), asked).cited("10 gateway"));
                    }
                });
    }

    /** Every port the workload listens on but does not publish, at its host's address, where nothing should answer. */
    private void unpublished(Placed workload, Set<Integer> published) {
        List<Integer> listened = workload.agent().workload().map(Workload::listen).orElse(List.of());
        for (int port : listened.stream().filter(p -> !published.contains(p)).toList()) {
            for (Placed source : deployed.hostAgents()) {
                Network network = deployed.network(source.agent().firstNetwork());
                sink.add(source, network, workload.name() + " " + port + "/tcp at " + workload.host() + ":" + port, workload.host(), network,
                        Route.UNPUBLISHED, ProbeKind.TCP, deployed.hostAddresses().get(workload.host()), port, List.of(), false);
            }
        }
    }

    /**
     * A Swarm service, from every agent on each of its networks: by its name (and aliases), by
     * tasks.NAME, and each task by address; and its published ports at every host's address,
     * from each host's own stack (the ingress routing mesh answers on every node).
     */
    void service(SwarmService service) {
        Workload workload = deployed.lab().workloads().stream().filter(w -> w.name().equals(service.name())).findFirst().orElseThrow();
        boolean vip = workload.endpointMode() == Workload.EndpointMode.VIP;
        for (Workload.Attachment attachment : workload.networks()) {
            Network network = deployed.network(attachment.network());
            for (Placed source : deployed.sources(attachment.network())) {
                List<String> names = new ArrayList<>(List.of(service.name()));
                names.addAll(attachment.aliases());
                for (ProbeKind probe : deployed.lab().probes()) {
                    List<String> expect = probe.identified() ? List.of(service.name()) : List.of();
                    if (Deployed.applies(probe, Route.SERVICE)) {
                        names.forEach(name -> sink.add(source, network, service.name(), CellSink.SWARM, network, Route.SERVICE, probe, name,
                                Deployed.port(probe), expect, vip));
                        sink.add(source, network, service.name(), CellSink.SWARM, network, Route.TASKS, probe, "tasks." + service.name(),
                                Deployed.port(probe), expect, false);
                    }
                    for (SwarmService.Task task : service.tasks()) {
                        String address = task.addresses().get(attachment.network());
                        if (address != null && Deployed.applies(probe, Route.ADDRESS)) {
                            sink.add(source, network, service.name() + "@" + task.node(), task.node(), network, Route.ADDRESS, probe, address,
                                    Deployed.port(probe), expect, false);
                        }
                    }
                }
            }
        }
        for (Placed source : deployed.hostAgents()) {
            Network network = deployed.network(source.agent().firstNetwork());
            for (int published : service.publishedTcp()) {
                deployed.hostAddresses().forEach((host, address) -> {
                    String target = service.name() + " :" + published + " at " + host;
                    if (workload.publishMode() == Workload.PublishMode.INGRESS) {
                        sink.add(source, network, target, host, network, Route.PUBLISHED, ProbeKind.TCP, address, published,
                                List.of(service.name()), true);
                        return;
                    }
                    boolean task = service.tasks().stream().anyMatch(t -> t.node().equals(host) && t.state().equals("running"));
                    sink.add(source, network, target, host, Route.PUBLISHED, ProbeKind.TCP, address, published, List.of(service.name()),
                            task ? Expectation.Outcome.REACHABLE : Expectation.Outcome.BLOCKED,
                            Reason.of(task ? "filter.mode-host-task" : "filter.mode-host-no-task").cited("5 mode=host"));
                });
            }
        }
    }
}
