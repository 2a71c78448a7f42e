package dev.swarmlab.fleet;

import dev.swarmlab.lab.Agent;
import dev.swarmlab.docker.ContainerRequest;
import dev.swarmlab.docker.ServiceRequest;
import dev.swarmlab.image.AgentImage;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Publish;
import dev.swarmlab.lab.Workload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which containers a lab runs where. Agents: on every host, two per overlay and bridge network
 * (so that same-host and cross-host pairs both exist), one in host mode and one in none mode.
 * Workloads: each container workload on its host. A pure function of the lab and its hosts.
 */
public final class Fleet {
    public static final String ROLE_LABEL = "dev.swarmlab.role";
    public static final String HOST_LABEL = "dev.swarmlab.host";
    public static final String NETWORK_LABEL = "dev.swarmlab.network";
    public static final String SPEC_LABEL = "dev.swarmlab.spec";
    /**
     * A name no one on the lab's networks knows goes to the host's nameservers; where those do not
     * answer (a lab without outside network) the resolver's default 5 s x 2 tries makes every such
     * probe a timeout. One second, one try: the same answers, sooner. Docker refuses DNS options in host mode.
     */
    static final List<String> QUICK_RESOLVER = List.of("timeout:1", "attempts:1");

    private Fleet() {
    }

    public static List<Agent> layout(Lab lab, List<String> hosts) {
        List<Agent> agents = new ArrayList<>();
        for (String networkName : lab.agents().networks()) {
            Network network = lab.network(networkName).orElseThrow();
            int slots = network.driver() == Network.Driver.HOST || network.driver() == Network.Driver.NONE ? 1 : 2;
            for (String host : hosts) {
                for (int slot = 0; slot < slots; slot++) {
                    agents.add(new Agent(lab.name() + "-" + networkName + "-" + host + "-" + (char) ('a' + slot), host, Agent.Role.AGENT,
                            List.of(new Workload.Attachment(networkName, Optional.empty(), List.of())), Optional.empty()));
                }
            }
        }
        for (Workload workload : lab.workloads()) {
            if (workload.kind() == Workload.Kind.CONTAINER && workload.refused().isEmpty() && workload.host().isPresent()
                    && hosts.contains(workload.host().get())) {
                agents.add(new Agent(workload.name(), workload.host().get(), Agent.Role.WORKLOAD, workload.networks(), Optional.of(workload)));
            }
        }
        return agents;
    }

    /** The container to create for an agent, labelled with a hash of itself so a changed lab replaces it. */
    public static ContainerRequest request(Lab lab, Agent agent, String image) {
        List<String> command = new ArrayList<>(List.of("serve"));
        Optional<Workload> workload = agent.workload();
        workload.ifPresent(w -> w.listen().forEach(port -> command.addAll(List.of("--listen", String.valueOf(port)))));
        Workload.Attachment first = agent.networks().get(0);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Lab.LABEL, lab.name());
        labels.put(ROLE_LABEL, agent.role().label());
        labels.put(HOST_LABEL, agent.host());
        labels.put(NETWORK_LABEL, String.join(",", agent.networks().stream().map(Workload.Attachment::network).toList()));
        ContainerRequest request = new ContainerRequest(agent.name(), image, command,
                Map.of("SWARMLAB_HOST", agent.host(), "SWARMLAB_NAME", agent.name()), labels, first.network(), first.ip(), first.aliases(),
                workload.map(w -> w.publish().stream().map(Publish::toString).toList()).orElse(List.of()),
                workload.map(Workload::publishAll).orElse(false),
                workload.map(w -> w.expose().stream().map(Object::toString).toList()).orElse(List.of()),
                workload.map(w -> w.links().stream().map(l -> l.container() + ":" + l.alias()).toList()).orElse(List.of()),
                workload.map(w -> w.extraHosts().stream().map(h -> h.name() + ":" + h.address()).toList()).orElse(List.of()),
                lab.network(first.network()).map(n -> n.driver() == Network.Driver.HOST).orElse(false) ? List.of() : QUICK_RESOLVER);
        labels.put(SPEC_LABEL, hash(canonical(request) + agent.networks()));
        return new ContainerRequest(request.name(), request.image(), request.command(), request.env(), labels, request.network(),
                request.ip(), request.aliases(), request.publish(), request.publishAll(), request.expose(), request.links(), request.extraHosts(),
                request.dnsOptions());
    }

    /** The lab's service workloads (not the refused ones), in lab order. */
    public static List<Workload> services(Lab lab) {
        return lab.workloads().stream().filter(w -> w.kind() == Workload.Kind.SERVICE && w.refused().isEmpty()).toList();
    }

    /**
     * The service for a service workload. Every task says it is the service (SWARMLAB_NAME) on its
     * node (Swarm's {{.Node.Hostname}} template), so a probe to the service's name or VIP knows
     * whether the service answered.
     */
    public static ServiceRequest serviceRequest(Lab lab, Workload w, String image) {
        List<String> args = new ArrayList<>(List.of("serve"));
        w.listen().forEach(port -> args.addAll(List.of("--listen", String.valueOf(port))));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Lab.LABEL, lab.name());
        labels.put(ROLE_LABEL, "service");
        ServiceRequest request = new ServiceRequest(w.name(), image, args,
                Map.of("SWARMLAB_HOST", "{{.Node.Hostname}}", "SWARMLAB_NAME", w.name()), labels,
                w.networks().stream().map(a -> new ServiceRequest.Attachment(a.network(), a.aliases())).toList(),
                w.endpointMode() == Workload.EndpointMode.DNSRR,
                w.publish().stream().map(p -> p.hostPort().orElse(0) + ":" + p.container()
                        + (w.publishMode() == Workload.PublishMode.HOST ? ":host" : "")).toList(),
                w.mode() == Workload.ServiceMode.GLOBAL, w.replicas(), w.placement());
        labels.put(SPEC_LABEL, hash(String.join("|", request.name(), request.image(), request.args().toString(),
                new TreeMap<>(request.env()).toString(), request.networks().toString(), String.valueOf(request.dnsrr()),
                request.publish().toString(), String.valueOf(request.global()), String.valueOf(request.replicas()),
                request.constraints().toString())));
        return new ServiceRequest(request.name(), request.image(), request.args(), request.env(), labels,
                request.networks(), request.dnsrr(), request.publish(), request.global(), request.replicas(), request.constraints());
    }

    /** The image agents run: the lab's own, or the one swarmlab builds. */
    public static String image(Lab lab, Optional<AgentImage> built) {
        return lab.agents().image().or(() -> built.map(AgentImage::tag)).orElseThrow();
    }

    /** The request with its maps sorted: Map.copyOf's iteration order changes from one JVM to the next. */
    private static String canonical(ContainerRequest r) {
        return String.join("|", r.name(), r.image(), r.command().toString(), new TreeMap<>(r.env()).toString(),
                new TreeMap<>(r.labels()).toString(), r.network(), r.ip().toString(), r.aliases().toString(), r.publish().toString(),
                String.valueOf(r.publishAll()), r.expose().toString(), r.links().toString(), r.extraHosts().toString(),
                r.dnsOptions().toString());
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
