package dev.swarmlab.plan;

import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.ProbeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the planners put their cells: each gets its id, the container that shadows its address on
 * the source's host, and its expectation. The expectation is, in this order: a lab step's cut, the
 * cell's not being judged (a network option the model does not know), what the planner saw (a flag,
 * a binding, a link), else the driver rules over the source container's whole set of networks.
 */
final class CellSink {
    /** Where a cell's target is the swarm as a whole (a service's name), not one host. */
    static final String SWARM = "swarm";

    private final Deployed deployed;
    private final List<Cell> cells = new ArrayList<>();
    private final Set<String> sampled = new HashSet<>();

    CellSink(Deployed deployed) {
        this.deployed = deployed;
    }

    List<Cell> cells() {
        return cells;
    }

    /** One cell per probe kind that applies to the route, the target answering by name where the probe carries identity. */
    void each(Placed source, Network network, Placed target, Network targetNetwork, Route route, String dial, List<String> answerers) {
        for (ProbeKind probe : deployed.lab().probes()) {
            if (Deployed.applies(probe, route)) {
                add(source, network, target.name(), target.host(), targetNetwork, route, probe, dial, Deployed.port(probe, target),
                        probe.identified() ? answerers : List.of(), false);
            }
        }
    }

    /** A cell whose expectation the rules give. */
    void add(Placed source, Network network, String target, String targetHost, Network targetNetwork, Route route, ProbeKind probe,
             String dial, int port, List<String> answerers, boolean viaIpvs) {
        add(source, network, target, targetHost, targetNetwork, route, probe, dial, port, answerers, viaIpvs, Optional.empty());
    }

    /** A cell whose expectation comes from the situation the planner sees (a flag, a binding, a link), not from the driver table. */
    void add(Placed source, Network network, String target, String targetHost, Route route, ProbeKind probe, String dial, int port,
             List<String> answerers, Outcome outcome, Reason reason) {
        add(source, network, target, targetHost, network, route, probe, dial, port, answerers, false,
                Optional.of(new Expected(outcome, reason, Expected.Source.RULE)));
    }

    private void add(Placed source, Network network, String target, String targetHost, Network targetNetwork, Route route, ProbeKind probe,
                     String dial, int port, List<String> answerers, boolean viaIpvs, Optional<Expected> given) {
        boolean sameHost = source.host().equals(targetHost);
        // Throughput is a property of the path, not of the pair: one sample per network, same host and cross-host (run alone).
        if (probe == ProbeKind.THROUGHPUT && !sampled.add(network.name() + "/" + targetNetwork.name() + "/" + route + "/" + sameHost)) {
            return;
        }
        HostConditions hosts = deployed.hosts();
        boolean espMissing = hosts.lacks(source.host(), "esp") || hosts.lacks(targetHost, "esp");
        boolean ipvsMissing = hosts.lacks(source.host(), "ip_vs") || hosts.lacks(targetHost, "ip_vs");
        boolean cut = !targetHost.equals(SWARM) && (hosts.isCut(source.host()) || hosts.isCut(targetHost));
        // Each network as it is on the host of its end: a default bridge has its daemon's options.
        List<Network> stack = deployed.stack(source).stream().map(n -> hosts.asOn(source.host(), n)).toList();
        Network theirs = hosts.asOn(targetHost, targetNetwork);
        // A name is resolved, and so reached, over the network that resolves it, which may be another of the source's.
        Network from = hosts.asOn(source.host(), route == Route.NAME ? targetNetwork : network);
        DriverRules.Situation situation = new DriverRules.Situation(from, theirs, route, sameHost, probe, viaIpvs, espMissing,
                ipvsMissing, hosts.underlayMtu(source.host()), hosts.underlayMtu(targetHost), cut, stack, hosts.engine(source.host()),
                hosts.engine(targetHost), route == Route.ISOLATION && publishes(target, port, probe));
        Expected expected = DriverRules.acrossACut(situation).or(() -> unjudgedEngine(hosts, source.host(), targetHost))
                .or(() -> unmodelled(situation)).or(() -> given)
                .or(() -> linkedByName(source, route, dial, target)).orElseGet(() -> DriverRules.expect(situation));
        boolean byName = route == Route.NAME || route == Route.SERVICE || route == Route.TASKS;
        Optional<String> shadow = byName ? Optional.empty() : shadow(source, dial, target);
        String id = network.name() + "/" + source.name() + "/" + route.name().toLowerCase(Locale.ROOT) + "/" + probe.wire() + "/" + target
                .replace(' ', '_') + (byName && !dial.equals(target) ? "/" + dial : "");
        cells.add(new Cell(id, network.name(), source.name(), source.host(), target, targetHost, route, probe, dial, port, answerers,
                shadow, expected));
    }

    /**
     * Not judged: a network that decides the path has an option the model does not know. The source's
     * and the target's network decide a path between containers; every network of the source decides
     * its way out, to its host, and to a port published there.
     */
    private static Optional<Expected> unmodelled(DriverRules.Situation situation) {
        Set<Network> mine = new LinkedHashSet<>(List.of(situation.source()));
        if (situation.route() == Route.OUTSIDE || situation.route() == Route.HOST || situation.route() == Route.HOST_NAME
                || situation.route() == Route.PUBLISHED) {
            mine.addAll(situation.stack());
        }
        // The source's networks as its host's engine takes them, the target's as the target's host's.
        List<String> unknown = Stream.concat(mine.stream().map(n -> Map.entry(n, situation.engine())),
                        Stream.of(Map.entry(situation.target(), situation.targetEngine())).filter(e -> !mine.contains(e.getKey())))
                .flatMap(e -> NetworkOptions.unmodelled(e.getKey(), e.getValue()).stream().map(o -> o + " on " + e.getKey().name()))
                .distinct().toList();
        return unknown.isEmpty() ? Optional.empty() : Optional.of(Expected.notJudged(Reason.of("unmodelled.option", String.join(", ", unknown))));
    }

    /** Not judged: the source's or the target's host runs an engine outside those the rules cover (the outside and the swarm have none). */
    private static Optional<Expected> unjudgedEngine(HostConditions hosts, String sourceHost, String targetHost) {
        return Stream.of(sourceHost, targetHost).filter(h -> !hosts.engine(h).judged()).findFirst()
                .map(h -> Expected.notJudged(Reason.of("unmodelled.engine", h, hosts.engine(h).reported(), Engine.span())));
    }

    /** --link NAME:ALIAS writes NAME itself into the linking container's /etc/hosts too: by that name it resolves, even on the default bridge. */
    private static Optional<Expected> linkedByName(Placed source, Route route, String dial, String target) {
        boolean linked = route == Route.NAME && dial.equals(target) && source.agent().workload().map(w -> w.links().stream()
                .anyMatch(l -> l.container().equals(target))).orElse(false);
        return linked ? Optional.of(new Expected(Outcome.REACHABLE, Reason.of("names.link-itself", target, source.name()).cited("3 link"),
                Expected.Source.RULE)) : Optional.empty();
    }

    /** The container of that name publishes that port (of the probe's protocol). */
    private boolean publishes(String target, int port, ProbeKind probe) {
        String key = port + (probe == ProbeKind.UDP ? "/udp" : "/tcp");
        return deployed.placed().stream().anyMatch(p -> p.name().equals(target) && !p.ports().getOrDefault(key, List.of()).isEmpty());
    }

    /** Another container on the source's host with the dialled address (bridges reuse addresses on every host). */
    private Optional<String> shadow(Placed source, String address, String target) {
        return deployed.placed().stream().filter(p -> p.host().equals(source.host()) && !p.name().equals(target)
                && p.addresses().containsValue(address)).map(Placed::name).findFirst();
    }
}
