package dev.swarmlab.lab;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.RawLab.RawAttachment;
import dev.swarmlab.lab.RawLab.RawNetwork;
import dev.swarmlab.lab.RawLab.RawWorkload;
import dev.swarmlab.lab.Workload.Attachment;
import dev.swarmlab.net.Ipv4;
import dev.swarmlab.net.Subnet;
import dev.swarmlab.yaml.Problems;
import dev.swarmlab.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The second step of reading a lab: turns {@link RawLab} into a {@link Lab}, checking every
 * rule that spans fields (names that must exist, subnets that must not overlap, addresses
 * that must fall inside their subnet...) and reporting each problem at its line.
 */
final class LabResolver {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");
    static final Set<String> PROBES = Set.of("icmp", "tcp", "udp", "dns", "http", "latency", "throughput", "mtu");
    static final Map<String, Driver> BUILT_IN = Map.of("bridge", Driver.BRIDGE, "host", Driver.HOST, "none", Driver.NONE);
    private static final Pattern LOCAL = Pattern.compile("local:(\\d+)");
    private static final int MAX_LOCAL_HOSTS = 64;

    private final Path file;
    private final Problems problems;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private List<String> hostNames = List.of();

    LabResolver(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    Lab resolve(RawLab raw) {
        String name = raw.name().filter(n -> checkName(raw.at().fields().get("name"), n, "lab")).orElse("");
        LabHosts hosts = raw.hosts().map(this::hosts).orElseGet(() -> {
            problems.add(raw.at(), "missing required field 'hosts' (local:N, {inventory: FILE} or a list of {name, address})");
            return new LabHosts.Local(0);
        });
        Optional<Swarm> swarm = raw.swarm().map(s -> new Swarm(s.managers().stream()
                .filter(m -> knownHost(m, "manager")).map(YamlNode::scalar).toList()));
        raw.swarm().filter(s -> s.managers().isEmpty()).ifPresent(s -> problems.add(s.at().at("managers"),
                "a swarm needs at least one manager; name one of the hosts " + hostNames));
        raw.networks().forEach(n -> network(n, swarm.isPresent()));
        checkOverlaps(raw.networks());
        List<Workload> workloads = workloads(raw.workloads());
        Agents agents = raw.agents().map(a -> new Agents(a.networks().stream()
                        .filter(n -> knownNetwork(n, "agents")).map(YamlNode::scalar).distinct().toList(), a.image()))
                .orElse(new Agents(List.of(), Optional.empty()));
        List<String> probes = raw.probes().stream().filter(p -> oneOf(p, p.scalar(), PROBES, "probe kind"))
                .map(YamlNode::scalar).distinct().toList();
        Set<String> workloadNames = new HashSet<>(workloads.stream().map(Workload::name).toList());
        List<Expectation> expectations = raw.expectations().stream().map(e -> expectation(e, workloadNames)).flatMap(Optional::stream).toList();
        List<Step> steps = raw.steps().stream().map(s -> step(s, workloads)).flatMap(Optional::stream).toList();
        return new Lab(name, raw.description().orElse(""), file, hosts, swarm, List.copyOf(networks.values()), workloads, agents,
                probes, expectations, steps);
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
            hostNames = IntStream.rangeClosed(1, count).mapToObj(i -> "h" + i).toList();
            return new LabHosts.Local(count);
        }
        Path folder = file.toAbsolutePath().getParent();
        if (node.isMap()) {
            Optional<String> inventory = dev.swarmlab.yaml.Fields.of(node, problems, Set.of("inventory"))
                    .flatMap(f -> f.requiredString("inventory"));
            if (inventory.isEmpty()) {
                return new LabHosts.Local(0);
            }
            Path path = folder.resolve(inventory.get()).normalize();
            try {
                hostNames = InventoryFile.read(path).hosts().stream().map(InventoryHost::name).toList();
            } catch (SwarmlabException e) {
                problems.add(node.fields().get("inventory"), "cannot use inventory " + path + ": " + e.getMessage());
            }
            return new LabHosts.FromInventory(path);
        }
        List<InventoryHost> inline = InventoryFile.hosts(node, folder, problems);
        hostNames = inline.stream().map(InventoryHost::name).toList();
        return new LabHosts.Inline(inline);
    }

    private boolean knownHost(YamlNode node, String role) {
        if (!hostNames.isEmpty() && !hostNames.contains(node.scalar())) {
            problems.add(node, role + " '" + node.scalar() + "' is not a host of this lab; hosts: " + String.join(", ", hostNames));
            return false;
        }
        return true;
    }

    // ---- networks ----

    private void network(RawNetwork raw, boolean hasSwarm) {
        Optional<String> maybeName = raw.name();
        if (maybeName.isEmpty()) {
            return;
        }
        String name = maybeName.get();
        if (networks.containsKey(name)) {
            problems.add(raw.at().at("name"), "duplicate network name '" + name + "'");
            return;
        }
        if (BUILT_IN.containsKey(name)) {
            builtIn(raw, name);
            return;
        }
        checkName(raw.at().at("name"), name, "network");
        Driver driver = raw.driver().map(d -> driver(raw.at().at("driver"), d)).orElse(Driver.BRIDGE);
        if (driver == Driver.OVERLAY && !hasSwarm) {
            problems.add(raw.at().at("driver"), "an overlay network needs a swarm: add `swarm: {managers: [...]}` to the lab");
        }
        Optional<Subnet> subnet = raw.subnet().flatMap(s -> parse(raw.at().at("subnet"), s, Subnet::parse));
        Optional<String> gateway = raw.gateway().flatMap(g -> address(raw.at().at("gateway"), g));
        Optional<Subnet> ipRange = raw.ipRange().flatMap(r -> parse(raw.at().at("ipRange"), r, Subnet::parse));
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
        networks.put(name, new Network(name, driver, false, subnet, gateway, ipRange, raw.attachable().orElse(false),
                raw.internal().orElse(false), raw.encrypted().orElse(false),
                raw.mtu().map(OptionalInt::of).orElse(OptionalInt.empty()), raw.options()));
    }

    private void builtIn(RawNetwork raw, String name) {
        Driver driver = BUILT_IN.get(name);
        raw.driver().filter(d -> !d.equals(driver.id())).ifPresent(d -> problems.add(raw.at().at("driver"),
                "'" + name + "' is Docker's built-in " + driver.id() + " network; its driver cannot be '" + d + "'"));
        for (String field : List.of("subnet", "gateway", "ipRange", "attachable", "internal", "encrypted", "mtu", "options")) {
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

    private boolean knownNetwork(YamlNode node, String where) {
        if (!networks.containsKey(node.scalar())) {
            problems.add(node, where + ": network '" + node.scalar() + "' is not defined in `networks`; defined: "
                    + String.join(", ", networks.keySet()));
            return false;
        }
        return true;
    }

    // ---- workloads ----

    private List<Workload> workloads(List<RawWorkload> raws) {
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
            raw.name().map(byName::get).ifPresent(w -> checkLinks(raw, w, byName));
        }
        return List.copyOf(byName.values());
    }

    private Optional<Workload> workload(RawWorkload raw, Map<String, YamlNode> ips) {
        if (raw.name().isEmpty() || !checkName(raw.at().at("name"), raw.name().get(), "workload")) {
            return Optional.empty();
        }
        String name = raw.name().get();
        Workload.Kind kind = raw.kind().map(k -> enumValue(raw.at().at("kind"), k, Workload.Kind.class)).orElse(Workload.Kind.CONTAINER);
        boolean service = kind == Workload.Kind.SERVICE;
        Optional<String> host = raw.host().filter(h -> knownHost(raw.at().at("host"), "host"));
        if (!service && raw.host().isEmpty()) {
            problems.add(raw.at().node(), "container '" + name + "' needs a `host` to run on; hosts: " + String.join(", ", hostNames));
        }
        if (service) {
            raw.host().ifPresent(h -> problems.add(raw.at().at("host"), "a service is placed by Swarm: use `placement` "
                    + "(e.g. node.hostname==" + h + ") instead of `host`"));
        } else {
            for (String field : List.of("placement", "replicas", "mode", "endpointMode")) {
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
        List<Publish> publish = raw.publish().stream().map(p -> parse(p, p.scalar(), Publish::parse)).flatMap(Optional::stream).toList();
        List<PortSpec> expose = raw.expose().stream().map(p -> parse(p, p.scalar(), PortSpec::parse)).flatMap(Optional::stream).toList();
        List<Integer> listen = raw.listen().stream().map(p -> parse(p, p.scalar(), t -> Publish.port(t, t))).flatMap(Optional::stream).toList();
        List<Workload.ExtraHost> extraHosts = raw.extraHosts().stream().map(this::extraHost).flatMap(Optional::stream).toList();
        List<Workload.Link> links = raw.links().stream().map(this::link).flatMap(Optional::stream).toList();
        return Optional.of(new Workload(name, kind, host, raw.placement().stream().map(YamlNode::scalar).toList(),
                raw.replicas().orElse(1),
                raw.mode().map(m -> enumValue(raw.at().at("mode"), m, Workload.ServiceMode.class)).orElse(Workload.ServiceMode.REPLICATED),
                attachments, publish, raw.publishAll().orElse(false), expose, listen, links, extraHosts,
                raw.endpointMode().map(m -> enumValue(raw.at().at("endpointMode"), m, Workload.EndpointMode.class))
                        .orElse(Workload.EndpointMode.VIP),
                raw.image(), raw.refused()));
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
        if (!knownNetwork(nameNode, "workload '" + workload + "'")) {
            return Optional.empty();
        }
        Network network = networks.get(raw.network().get());
        if (service && !network.swarmScope() && network.driver() != Driver.HOST && network.driver() != Driver.NONE) {
            problems.add(nameNode, "service '" + workload + "' cannot join " + network.driver().id() + " network '" + network.name()
                    + "': services join overlay networks (or host/none)");
        }
        Optional<String> ip = raw.ip().flatMap(text -> {
            YamlNode at = raw.at().fields().get("ip");
            Optional<String> parsed = address(at, text);
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
        attachments.stream().filter(a -> networks.get(a.network()).driver() == Driver.HOST || networks.get(a.network()).driver() == Driver.NONE)
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
            address(node, parts[1]);
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

    // ---- expectations and steps ----

    private Optional<Expectation> expectation(RawLab.RawExpectation raw, Set<String> workloads) {
        for (String field : List.of("from", "to")) {
            raw.at().string(field).filter(v -> !v.equals("agent") && !workloads.contains(v.split("@")[0]))
                    .ifPresent(v -> problems.add(raw.at().at(field), "'" + v + "' is neither `agent` nor a workload of this lab"));
        }
        raw.network().ifPresent(n -> knownNetwork(raw.at().at("network"), "expectation"));
        raw.probe().ifPresent(p -> oneOf(raw.at().at("probe"), p, PROBES, "probe kind"));
        raw.reason().filter(String::isBlank).ifPresent(r -> problems.add(raw.at().at("reason"), "say why the expectation differs"));
        return raw.expect().map(e -> enumValue(raw.at().at("expect"), e, Expectation.Outcome.class))
                .filter(e -> raw.reason().isPresent())
                .map(e -> new Expectation(raw.from(), raw.to(), raw.network(), raw.probe(), e, raw.reason().get()));
    }

    private Optional<Step> step(RawLab.RawStep raw, List<Workload> workloads) {
        if (raw.action().isEmpty()) {
            return Optional.empty();
        }
        Step.Action action = enumValue(raw.at().at("action"), raw.action().get(), Step.Action.class);
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
        raw.network().ifPresent(n -> knownNetwork(raw.at().at("network"), "step"));
        raw.host().ifPresent(h -> knownHost(raw.at().at("host"), "host"));
        String title = raw.title().orElse(action.id() + raw.workload().map(w -> " " + w).orElse("")
                + raw.network().map(n -> (action == Step.Action.CONNECT ? " to " : " from ") + n).orElse("")
                + raw.host().map(h -> " " + h).orElse("") + raw.mtu().map(m -> " " + m).orElse(""));
        return Optional.of(new Step(title, action, raw.workload(), raw.network(), raw.host(),
                raw.mtu().map(OptionalInt::of).orElse(OptionalInt.empty()), raw.refused()));
    }

    // ---- small checks ----

    private boolean checkName(YamlNode at, String name, String what) {
        if (!NAME.matcher(name).matches()) {
            problems.add(at, "'" + name + "' is not a " + what + " name: use lower-case letters, digits, '.', '-', '_' (up to 40), starting with a letter or digit");
            return false;
        }
        return true;
    }

    private boolean oneOf(YamlNode at, String value, Set<String> allowed, String what) {
        if (!allowed.contains(value)) {
            problems.add(at, "unknown " + what + " '" + value + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            return false;
        }
        return true;
    }

    private <E extends Enum<E>> E enumValue(YamlNode at, String text, Class<E> type) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        if (!allowed.contains(text)) {
            problems.add(at, "'" + text + "' is not allowed here; allowed: " + String.join(", ", allowed));
            return type.getEnumConstants()[0];
        }
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private Optional<String> address(YamlNode at, String text) {
        return parse(at, text, t -> Ipv4.format(Ipv4.parse(t)));
    }

    private <T> Optional<T> parse(YamlNode at, String text, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(text));
        } catch (SwarmlabException e) {
            problems.add(at, e.getMessage());
            return Optional.empty();
        }
    }

}
