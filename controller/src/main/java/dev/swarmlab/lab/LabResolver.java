package dev.swarmlab.lab;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.RawLab.RawNetwork;
import dev.swarmlab.net.Ipv4;
import dev.swarmlab.net.Subnet;
import dev.swarmlab.yaml.Fields;
import dev.swarmlab.yaml.Problems;
import dev.swarmlab.yaml.YamlNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The second step of reading a lab: turns {@link RawLab} into a {@link Lab}, checking every
 * rule that spans fields (names that must exist, subnets that must not overlap, addresses
 * that must fall inside their subnet...) and reporting each problem at its line.
 */
final class LabResolver {
    static final Set<String> PROBES = Set.copyOf(ProbeKind.names());
    static final Map<String, Driver> BUILT_IN = Map.of("bridge", Driver.BRIDGE, "host", Driver.HOST, "none", Driver.NONE);
    private static final Pattern LOCAL = Pattern.compile("local:(\\d+)");
    private static final int MAX_LOCAL_HOSTS = 64;

    private final Path file;
    private final Problems problems;
    private final LabChecks checks;
    private final Map<String, Network> networks;

    LabResolver(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
        this.checks = new LabChecks(problems);
        this.networks = checks.networks;
    }

    private final Map<String, Lab.RefusedNetwork> refusedNetworks = new LinkedHashMap<>();

    Lab resolve(RawLab raw) {
        String name = raw.name().filter(n -> checks.checkName(raw.at().fields().get("name"), n, "lab")).orElse("");
        LabHosts hosts = raw.hosts().map(this::hosts).orElseGet(() -> {
            problems.add(raw.at(), "missing required field 'hosts' (local:N, {inventory: FILE} or a list of {name, address})");
            return new LabHosts.Local(0);
        });
        Optional<Swarm> swarm = raw.swarm().map(s -> new Swarm(s.managers().stream()
                .filter(m -> checks.knownHost(m, "manager")).map(YamlNode::scalar).toList()));
        raw.swarm().filter(s -> s.managers().isEmpty()).ifPresent(s -> problems.add(s.at().at("managers"),
                "a swarm needs at least one manager; name one of the hosts " + checks.hostNames));
        raw.networks().forEach(n -> network(n, swarm.isPresent()));
        checkOverlaps(raw.networks());
        List<Workload> workloads = new WorkloadResolver(checks).resolve(raw.workloads());
        Agents agents = raw.agents().map(a -> new Agents(a.networks().stream()
                        .filter(n -> checks.knownNetwork(n, "agents") && checks.joinable(n, networks.get(n.scalar()), "agents"))
                        .map(YamlNode::scalar).distinct().toList(), a.image()))
                .orElse(new Agents(List.of(), Optional.empty()));
        checkRoutedAgents(raw, workloads, agents);
        checkAgentPorts(raw, workloads, agents);
        List<ProbeKind> probes = raw.probes().stream().filter(p -> checks.oneOf(p, p.scalar(), PROBES, "probe kind"))
                .map(p -> ProbeKind.of(p.scalar())).distinct().toList();
        Set<String> workloadNames = new HashSet<>(workloads.stream().map(Workload::name).toList());
        List<Expectation> expectations = raw.expectations().stream().map(e -> expectation(e, workloadNames)).flatMap(Optional::stream).toList();
        List<Step> steps = raw.steps().stream().map(s -> step(s, workloads)).flatMap(Optional::stream).toList();
        Optional<String> outside = raw.outside().filter(o -> {
            boolean ok = o.equals("local") || o.matches("http://[A-Za-z0-9.-]+(:\\d{1,5})?/?");
            if (!ok) {
                problems.add(raw.at().fields().get("outside"), "expected `local` (the emulated hosts' stand-in) or http://HOST[:PORT]/, not '" + o + "'");
            }
            return ok;
        });
        return new Lab(name, raw.description().orElse(""), file, hosts, swarm, List.copyOf(networks.values()), workloads, agents,
                probes, expectations, steps, outside, List.copyOf(refusedNetworks.values()));
    }

    // ---- hosts ----

    private LabHosts hosts(YamlNode node) {
        if (node.isScalar()) {
            var local = LOCAL.matcher(node.scalar());
            int count = local.matches() ? Integer.parseInt(local.group(1)) : -1;
            if (count < 1 || count > MAX_LOCAL_HOSTS) {
                problems.add(node, "expected local:N with N within 1.." + MAX_LOCAL_HOSTS + " (emulated hosts h1..hN), "
                        + "{inventory: FILE} or a list of {name, address}; found '" + node.scalar() + "'");
                return new LabHosts.Local(0);
            }
            checks.hostNames = IntStream.rangeClosed(1, count).mapToObj(i -> "h" + i).toList();
            return new LabHosts.Local(count);
        }
        Path folder = file.toAbsolutePath().getParent();
        if (node.isMap()) {
            Optional<String> inventory = Fields.of(node, problems, Set.of("inventory"))
                    .flatMap(f -> f.requiredString("inventory"));
            if (inventory.isEmpty()) {
                return new LabHosts.Local(0);
            }
            Path path = folder.resolve(inventory.get()).normalize();
            try {
                checks.hostNames = InventoryFile.read(path).hosts().stream().map(InventoryHost::name).toList();
            } catch (SwarmlabException e) {
                problems.add(node.fields().get("inventory"), "cannot use inventory " + path + ": " + e.getMessage());
            }
            return new LabHosts.FromInventory(path);
        }
        List<InventoryHost> inline = InventoryFile.hosts(node, folder, problems);
        checks.hostNames = inline.stream().map(InventoryHost::name).toList();
        return new LabHosts.Inline(inline);
    }

    // ---- networks ----

    private void network(RawNetwork raw, boolean hasSwarm) {
        Optional<String> maybeName = raw.name();
        if (maybeName.isEmpty()) {
            return;
        }
        String name = maybeName.get();
        if (networks.containsKey(name) || refusedNetworks.containsKey(name)) {
            problems.add(raw.at().at("name"), "duplicate network name '" + name + "'");
            return;
        }
        if (BUILT_IN.containsKey(name)) {
            builtIn(raw, name);
            return;
        }
        checks.checkName(raw.at().at("name"), name, "network");
        Driver driver = raw.driver().map(d -> driver(raw.at().at("driver"), d)).orElse(Driver.BRIDGE);
        if (driver == Driver.OVERLAY && !hasSwarm && raw.refused().isEmpty()) {
            problems.add(raw.at().at("driver"), "an overlay network needs a swarm: add `swarm: {managers: [...]}` to the lab");
        }
        Optional<Subnet> subnet = raw.subnet().flatMap(s -> checks.parse(raw.at().at("subnet"), s, Subnet::parse));
        Optional<String> gateway = raw.gateway().flatMap(g -> checks.address(raw.at().at("gateway"), g));
        Optional<Subnet> ipRange = raw.ipRange().flatMap(r -> checks.parse(raw.at().at("ipRange"), r, Subnet::parse));
        if (driver == Driver.MACVLAN && raw.subnet().isEmpty()) {
            problems.add(raw.at().at("driver"), "a macvlan network needs a subnet: its containers take addresses on the hosts' own segment,"
                    + " and each host allocates from its own slice of the subnet; add `subnet: A.B.C.0/24`");
        }
        if ((gateway.isPresent() || ipRange.isPresent()) && subnet.isEmpty() && raw.subnet().isEmpty()) {
            problems.add(raw.at().at(gateway.isPresent() ? "gateway" : "ipRange"), "needs a subnet: set `subnet` on this network too");
        }
        subnet.ifPresent(s -> {
            gateway.filter(g -> !s.contains(Ipv4.parse(g))).ifPresent(g -> problems.add(raw.at().at("gateway"),
                    "gateway " + g + " is outside the network's subnet " + s));
            ipRange.filter(r -> !s.contains(r.network()) || r.prefixLength() < s.prefixLength()).ifPresent(r ->
                    problems.add(raw.at().at("ipRange"), "ipRange " + r + " is not inside the network's subnet " + s));
        });
        onlyFor(raw, raw.attachable().orElse(false), "attachable", driver, Driver.OVERLAY);
        onlyFor(raw, raw.encrypted().orElse(false), "encrypted", driver, Driver.OVERLAY);
        Network network = new Network(name, driver, false, subnet, gateway, ipRange, raw.attachable().orElse(false),
                raw.internal().orElse(false), raw.encrypted().orElse(false),
                raw.mtu().map(OptionalInt::of).orElse(OptionalInt.empty()), raw.options());
        if (raw.refused().isPresent()) {
            refusedNetworks.put(name, new Lab.RefusedNetwork(network, raw.refused().get())); // tried, never deployed: nothing may use it
        } else {
            networks.put(name, network);
        }
    }

    private void builtIn(RawNetwork raw, String name) {
        Driver driver = BUILT_IN.get(name);
        raw.driver().filter(d -> !d.equals(driver.id())).ifPresent(d -> problems.add(raw.at().at("driver"),
                "'" + name + "' is Docker's built-in " + driver.id() + " network; its driver cannot be '" + d + "'"));
        for (String field : List.of("subnet", "gateway", "ipRange", "attachable", "internal", "encrypted", "mtu", "options", "refused")) {
            if (raw.at().get(field).isPresent()) {
                problems.add(raw.at().at(field), "'" + name + "' is Docker's built-in network and is used as it is: remove '"
                        + field + "' or give the network another name");
            }
        }
        networks.put(name, Network.builtIn(name, driver));
    }

    private Driver driver(YamlNode at, String text) {
        Set<String> allowed = Set.of("overlay", "bridge", "macvlan");
        if (!allowed.contains(text)) {
            problems.add(at, "unknown driver '" + text + "'; allowed: bridge, macvlan, overlay"
                    + (text.equals("host") || text.equals("none") ? " (use Docker's built-in network: `- {name: " + text + "}`)" : ""));
            return Driver.BRIDGE;
        }
        return Driver.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private void onlyFor(RawNetwork raw, boolean set, String field, Driver driver, Driver required) {
        if (set && driver != required) {
            problems.add(raw.at().at(field), "'" + field + "' applies only to " + required.id() + " networks, not " + driver.id());
        }
    }

    private void checkOverlaps(List<RawNetwork> raws) {
        List<Network> withSubnets = networks.values().stream().filter(n -> n.subnet().isPresent()).toList();
        for (int i = 0; i < withSubnets.size(); i++) {
            for (int j = 0; j < i; j++) {
                Network a = withSubnets.get(i);
                Network b = withSubnets.get(j);
                if (a.subnet().get().overlaps(b.subnet().get())) {
                    YamlNode at = raws.stream().filter(r -> r.name().equals(Optional.of(a.name()))).findFirst()
                            .map(r -> r.at().at("subnet")).orElseThrow();
                    problems.add(at, "subnet " + a.subnet().get() + " overlaps network '" + b.name() + "' (" + b.subnet().get() + ")");
                }
            }
        }
    }

    // ---- expectations and steps ----

    /**
     * Agents in host mode listen on the host's own ports (7000/tcp, 7001/udp, 8080/tcp on every host): a container publishing one of
     * those host ports takes it first, and the host's agent never starts serving.
     */
    private void checkAgentPorts(RawLab raw, List<Workload> workloads, Agents agents) {
        if (agents.networks().stream().noneMatch(n -> networks.get(n) != null && networks.get(n).driver() == Driver.HOST)) {
            return;
        }
        Map<String, Integer> taken = Map.of("tcp", Agent.TCP_PORT, "udp", Agent.UDP_PORT);
        for (RawLab.RawWorkload rawWorkload : raw.workloads()) {
            Optional<Workload> workload = workloads.stream().filter(w -> rawWorkload.name().equals(Optional.of(w.name()))).findFirst();
            List<Publish> publish = workload.filter(w -> w.refused().isEmpty()).map(Workload::publish).orElse(List.of());
            for (int i = 0; i < publish.size() && i < rawWorkload.publish().size(); i++) {
                Publish p = publish.get(i);
                String protocol = p.container().protocol();
                boolean clash = p.hostPort().isPresent() && (p.hostPort().getAsInt() == taken.getOrDefault(protocol, -1)
                        || protocol.equals("tcp") && p.hostPort().getAsInt() == Agent.HTTP_PORT);
                if (clash) {
                    problems.add(rawWorkload.publish().get(i), "host port " + p.hostPort().getAsInt() + "/" + protocol + " is the host agents' own"
                            + " (agents in host mode listen on " + Agent.TCP_PORT + "/tcp, " + Agent.UDP_PORT + "/udp and " + Agent.HTTP_PORT
                            + "/tcp of every host): publish on another host port");
                }
            }
        }
    }

    /** Agents on a routed container's network would be on every host, the routed ones too: their addresses repeat there. */
    private void checkRoutedAgents(RawLab raw, List<Workload> workloads, Agents agents) {
        for (Workload workload : workloads) {
            workload.networks().stream().findFirst().map(Workload.Attachment::network).filter(n -> !workload.routedFrom().isEmpty()
                    && agents.networks().contains(n)).ifPresent(n -> raw.workloads().stream()
                    .filter(w -> w.name().equals(Optional.of(workload.name()))).findFirst()
                    .ifPresent(w -> problems.add(w.at().at("routedFrom"), "the lab's agents join network '" + n + "', on every host: a route"
                            + " to " + workload.name() + "'s address there would hide their own agent's on the hosts routedFrom names;"
                            + " keep '" + n + "' out of `agents.networks`")));
        }
    }

    private Optional<Expectation> expectation(RawLab.RawExpectation raw, Set<String> workloads) {
        for (String field : List.of("from", "to")) {
            raw.at().string(field).filter(v -> !v.split("@")[0].equals("agent") && !workloads.contains(v.split("@")[0]))
                    .ifPresent(v -> problems.add(raw.at().at(field), "'" + v + "' is neither `agent` nor a workload of this lab"
                            + " (either may end in @HOST)"));
        }
        raw.network().ifPresent(n -> checks.knownNetwork(raw.at().at("network"), "expectation"));
        Optional<ProbeKind> probe = raw.probe().filter(p -> checks.oneOf(raw.at().at("probe"), p, PROBES, "probe kind")).map(ProbeKind::of);
        raw.reason().filter(String::isBlank).ifPresent(r -> problems.add(raw.at().at("reason"), "say why the expectation differs"));
        return raw.expect().map(e -> checks.enumValue(raw.at().at("expect"), e, Expectation.Outcome.class))
                .filter(e -> raw.reason().isPresent())
                .map(e -> new Expectation(raw.from(), raw.to(), raw.network(), probe, e, raw.reason().get()));
    }

    private Optional<Step> step(RawLab.RawStep raw, List<Workload> workloads) {
        if (raw.action().isEmpty()) {
            return Optional.empty();
        }
        Step.Action action = checks.enumValue(raw.at().at("action"), raw.action().get(), Step.Action.class);
        if (!action.id().equals(raw.action().get())) {
            return Optional.empty();
        }
        Map<Step.Action, List<String>> needs = Map.of(
                Step.Action.CONNECT, List.of("workload", "network"), Step.Action.DISCONNECT, List.of("workload", "network"),
                Step.Action.STOP, List.of("workload"), Step.Action.START, List.of("workload"),
                Step.Action.MTU, List.of("host", "mtu"), Step.Action.CUT, List.of("host"), Step.Action.RESTORE, List.of("host"),
                Step.Action.REMOVE_NETWORK, List.of("network"), Step.Action.PRUNE, List.of());
        for (String field : needs.get(action)) {
            if (raw.at().get(field).isEmpty()) {
                problems.add(raw.at().node(), "step '" + action.id() + "' needs `" + field + "`");
            }
        }
        raw.workload().filter(w -> workloads.stream().noneMatch(x -> x.name().equals(w) && x.kind() == Workload.Kind.CONTAINER))
                .ifPresent(w -> problems.add(raw.at().at("workload"), "'" + w + "' is not a container of this lab"));
        raw.network().ifPresent(n -> checks.knownNetwork(raw.at().at("network"), "step"));
        raw.host().ifPresent(h -> checks.knownHost(raw.at().at("host"), "host"));
        String title = raw.title().orElse(action.id() + raw.workload().map(w -> " " + w).orElse("")
                + raw.network().map(n -> (action == Step.Action.CONNECT ? " to " : " from ") + n).orElse("")
                + raw.host().map(h -> " " + h).orElse("") + raw.mtu().map(m -> " " + m).orElse(""));
        return Optional.of(new Step(title, action, raw.workload(), raw.network(), raw.host(),
                raw.mtu().map(OptionalInt::of).orElse(OptionalInt.empty()), raw.refused()));
    }


}
