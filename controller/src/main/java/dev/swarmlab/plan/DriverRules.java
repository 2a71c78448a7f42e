package dev.swarmlab.plan;

import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.ProbeKind;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What Docker's drivers promise, as an ordered table: the first rule that fits a situation gives
 * the expected outcome and its reason. A situation holds the source container's whole set of networks
 * (its way out, its route to its host) and their options ({@link NetworkOptions}); each rule's reason
 * ends with its citation ({@link Citations}): the section of concepts.md, the Docker page, the engine.
 * A rule's reason is a message key (reasons.properties) named by the layer that decides the path where
 * it applies: stack, forwarding, filter, names. The table stays one ordered list rather than four: which
 * rule comes first crosses layers (a kernel without IP_VS decides before a service's name; network none
 * before any name), as enumerating every situation of the catalog's drivers and options shows.
 */
public final class DriverRules {
    /**
     * A cell's circumstances: the source's network, the target's, the route, whether both ends are
     * on one host, the probe, whether the path goes through IPVS (a service's VIP, the ingress
     * routing mesh), what the hosts' kernels lack (from preflight), the underlay MTU of the source's
     * host and of the target's (as measured), whether a lab step cut either host off from the other, the
     * engine of the source's host (which sets up the source's stack: its routes) and of the target's (whose
     * filter rules take what arrives for its containers), and whether the target publishes the port dialled.
     */
    public record Situation(Network source, Network target, Route route, boolean sameHost, ProbeKind probe, boolean viaIpvs,
                            boolean espMissing, boolean ipvsMissing, int sourceUnderlayMtu, int targetUnderlayMtu, boolean cut,
                            List<Network> stack, Engine engine, Engine targetEngine, boolean targetPublishes) {
        public Situation {
            stack = stack.isEmpty() ? List.of(source) : List.copyOf(stack);
        }

        /** At a port the target does not publish. */
        public Situation(Network source, Network target, Route route, boolean sameHost, ProbeKind probe, boolean viaIpvs, boolean espMissing,
                         boolean ipvsMissing, int sourceUnderlayMtu, int targetUnderlayMtu, boolean cut, List<Network> stack, Engine engine,
                         Engine targetEngine) {
            this(source, target, route, sameHost, probe, viaIpvs, espMissing, ipvsMissing, sourceUnderlayMtu, targetUnderlayMtu, cut, stack,
                    engine, targetEngine, false);
        }

        /** On the baseline engine. */
        public Situation(Network source, Network target, Route route, boolean sameHost, ProbeKind probe, boolean viaIpvs, boolean espMissing,
                         boolean ipvsMissing, int sourceUnderlayMtu, int targetUnderlayMtu, boolean cut, List<Network> stack) {
            this(source, target, route, sameHost, probe, viaIpvs, espMissing, ipvsMissing, sourceUnderlayMtu, targetUnderlayMtu, cut, stack,
                    Engine.BASELINE, Engine.BASELINE);
        }

        /** A source on that one network only. */
        public Situation(Network source, Network target, Route route, boolean sameHost, ProbeKind probe, boolean viaIpvs, boolean espMissing,
                         boolean ipvsMissing, int sourceUnderlayMtu, int targetUnderlayMtu, boolean cut) {
            this(source, target, route, sameHost, probe, viaIpvs, espMissing, ipvsMissing, sourceUnderlayMtu, targetUnderlayMtu, cut, List.of());
        }

        /** A container-to-container (or to-host) cell on kernels that lack nothing, over intact Ethernet underlays. */
        public static Situation of(Network source, Network target, Route route, boolean sameHost) {
            return of(source, target, route, sameHost, ProbeKind.TCP, false, false, false);
        }

        public static Situation of(Network source, Network target, Route route, boolean sameHost, ProbeKind probe, boolean viaIpvs,
                                   boolean espMissing, boolean ipvsMissing) {
            return new Situation(source, target, route, sameHost, probe, viaIpvs, espMissing, ipvsMissing, HostConditions.ETHERNET_MTU,
                    HostConditions.ETHERNET_MTU, false);
        }

        /**
         * The network that carries the source container's default route, as libnetwork picks it among
         * the container's networks (sandbox.go, epHeap.Less, Engine 20.10): internal networks last,
         * networks with a gateway of their own (bridge, macvlan) before overlays (whose way out is
         * docker_gwbridge), then by name. Empty where none gives a way out (an --internal overlay,
         * none; from Engine 25.0 on any --internal network). Host mode is the host's own stack.
         */
        public Optional<Network> defaultRoute() {
            boolean internalRoutes = !engine.atLeast(Engine.INTERNAL_NO_ROUTE);
            return stack.stream().filter(n -> n.driver() != Driver.NONE && !(n.internal() && (n.driver() == Driver.OVERLAY || !internalRoutes)))
                    .min(Comparator.comparing((Network n) -> n.driver() != Driver.HOST).thenComparing(Network::internal)
                            .thenComparing(n -> n.driver() == Driver.OVERLAY).thenComparing(Network::name));
        }

        /** The source reaches its own host's addresses: host mode, or a default route through a gateway on the host (not macvlan's). */
        boolean reachesOwnHost() {
            return defaultRoute().map(n -> n.driver() != Driver.MACVLAN).orElse(false);
        }

        /** The network that carries the default route, where the container has several networks to choose among. */
        Optional<String> through() {
            return stack.size() < 2 ? Optional.empty() : defaultRoute().map(Network::name);
        }

        /** The target's network is a bridge in one of these gateway modes (as its host's engine takes it). */
        boolean targetMode(String... modes) {
            return List.of(modes).contains(NetworkOptions.gatewayMode(target));
        }

        /** From another host, routed to the container's own address through its host. */
        boolean routed() {
            return route == Route.DIRECT || route == Route.DIRECT_UNPUBLISHED;
        }

        /** A full-size overlay packet, with its headers, is larger than one of the two hosts' underlays takes. */
        boolean overlayTooLarge() {
            return source.driver() == Driver.OVERLAY && !sameHost && source.underlayMtuNeeded() > Math.min(sourceUnderlayMtu, targetUnderlayMtu);
        }

        /**
         * A lab step cut one of the two hosts off: what crosses between them goes through the hosts'
         * netfilter and is dropped. Names still resolve (each host's DNS answers from what it holds),
         * macvlan frames bypass the hosts' netfilter, and the outside is no lab host.
         */
        boolean acrossACut() {
            return cut && !sameHost && route != Route.OUTSIDE && probe != ProbeKind.DNS && source.driver() != Driver.MACVLAN;
        }
    }

    /**
     * One promise: where it applies, the outcome, and why, as the key of its message in reasons.properties (whose first word
     * is the layer that decides the path: stack, forwarding, filter, names) and the concept it cites.
     */
    public record Rule(String key, String concept, Predicate<Situation> applies, Outcome outcome, Expected.Source source) {
        public Rule {
            reason(key, concept); // a key the bundle lacks, or a concept without a citation, fails when the table loads
        }

        /** The layer that decides the path where this rule applies: stack, forwarding, filter or names. */
        public String layer() {
            return key.substring(0, key.indexOf('.'));
        }

        Reason reason() {
            return reason(key, concept);
        }

        private static Reason reason(String key, String concept) {
            Reason reason = Reason.of(key);
            return concept.isEmpty() ? reason : reason.cited(concept);
        }
    }

    public static final List<Rule> RULES = List.of(
            rule("filter.cut", "", Situation::acrossACut, Outcome.BLOCKED),
            rule("filter.gateway-direct", "10 gateway", s -> s.route() == Route.DIRECT && s.targetMode("routed", "nat-unprotected"), Outcome.REACHABLE),
            rule("filter.unprotected-direct", "10 gateway", s -> s.route() == Route.DIRECT_UNPUBLISHED && s.targetMode("nat-unprotected"),
                    Outcome.REACHABLE),
            rule("filter.routed-unpublished", "10 gateway", s -> s.route() == Route.DIRECT_UNPUBLISHED && s.targetMode("routed"), Outcome.BLOCKED),
            rule("filter.direct-blocked", "10 direct", s -> s.routed() && s.targetEngine().atLeast(Engine.DIRECT_BLOCKED), Outcome.BLOCKED),
            rule("filter.direct-published", "10 direct", s -> s.route() == Route.DIRECT, Outcome.REACHABLE),
            rule("filter.direct-unpublished", "10 direct", s -> s.route() == Route.DIRECT_UNPUBLISHED, Outcome.BLOCKED),
            preflight("forwarding.ipvs-missing", "9 ip_vs", s -> s.viaIpvs() && s.ipvsMissing() && s.probe() != ProbeKind.DNS, Outcome.BLOCKED),
            rule("names.vip", "9 vip", s -> s.route() == Route.SERVICE && s.viaIpvs(), Outcome.REACHABLE),
            rule("names.dnsrr", "9 dnsrr", s -> s.route() == Route.SERVICE, Outcome.REACHABLE),
            rule("names.tasks", "9 tasks", s -> s.route() == Route.TASKS, Outcome.REACHABLE),
            rule("filter.mesh", "5 mesh", s -> s.route() == Route.PUBLISHED && s.viaIpvs(), Outcome.REACHABLE),
            rule("stack.none", "4 none", s -> s.source().driver() == Driver.NONE, Outcome.BLOCKED),
            rule("stack.no-way-out", "1 internal", s -> s.route() == Route.OUTSIDE && s.defaultRoute().isEmpty(), Outcome.BLOCKED),
            rule("stack.internal-out", "1 internal", s -> s.route() == Route.OUTSIDE && s.defaultRoute().map(Network::internal).orElse(false), Outcome.BLOCKED),
            rule("filter.masquerade-out", "1 masquerade", s -> s.route() == Route.OUTSIDE && s.defaultRoute().map(NetworkOptions::masqueradeOff).orElse(false), Outcome.BLOCKED),
            rule("filter.routed-out", "10 gateway", s -> s.route() == Route.OUTSIDE && s.defaultRoute().map(n -> NetworkOptions.gatewayMode(n).equals("routed"))
                    .orElse(false), Outcome.BLOCKED),
            rule("filter.egress", "1 egress", s -> s.route() == Route.OUTSIDE, Outcome.REACHABLE),
            rule("stack.internal-overlay-host", "1 internal", s -> s.route() == Route.HOST && s.source().driver() == Driver.OVERLAY && !s.reachesOwnHost(), Outcome.BLOCKED),
            rule("stack.internal-bridge-no-route", "1 internal", s -> s.route() == Route.HOST && s.source().internal() && s.source().driver() == Driver.BRIDGE
                    && !s.reachesOwnHost(), Outcome.BLOCKED),
            rule("stack.internal-bridge-host", "1 internal", s -> s.route() == Route.HOST && s.source().internal() && s.source().driver() == Driver.BRIDGE
                    && !s.engine().atLeast(Engine.INTERNAL_NO_ROUTE), Outcome.REACHABLE),
            rule("stack.host-mode-host", "4 host", s -> s.route() == Route.HOST && s.source().driver() == Driver.HOST, Outcome.REACHABLE),
            rule("forwarding.macvlan-host", "4 macvlan", s -> s.route() == Route.HOST && s.source().driver() == Driver.MACVLAN, Outcome.BLOCKED),
            rule("stack.gateway-host", "2 host", s -> s.route() == Route.HOST, Outcome.REACHABLE),
            rule("stack.no-route-published", "5 -p", s -> s.route() == Route.PUBLISHED && !s.viaIpvs() && s.source().driver() != Driver.HOST && !s.reachesOwnHost(),
                    Outcome.BLOCKED),
            rule("filter.unpublished", "3 app", s -> s.route() == Route.UNPUBLISHED, Outcome.BLOCKED),
            rule("filter.internal-published", "1 internal", s -> s.route() == Route.PUBLISHED && !s.viaIpvs() && s.source().driver() != Driver.HOST
                    && s.defaultRoute().map(n -> n.internal() && n.driver() == Driver.BRIDGE).orElse(false), Outcome.BLOCKED),
            rule("filter.masquerade-published", "1 masquerade", s -> s.route() == Route.PUBLISHED && !s.viaIpvs() && s.source().driver() != Driver.HOST
                    && s.defaultRoute().map(n -> NetworkOptions.masqueradeOff(n) && !n.name().equals(s.target().name())).orElse(false),
                    Outcome.BLOCKED),
            rule("filter.published-from-container", "5 -p", s -> s.route() == Route.PUBLISHED && s.source().driver() != Driver.HOST, Outcome.REACHABLE),
            rule("filter.published", "5 -p", s -> s.route() == Route.PUBLISHED, Outcome.REACHABLE),
            rule("filter.routed-from-bridges", "10 gateway", s -> s.route() == Route.ISOLATION && s.sameHost() && s.source().driver() == Driver.BRIDGE
                    && s.targetMode("routed") && (s.probe() == ProbeKind.ICMP || s.targetPublishes()), Outcome.REACHABLE),
            rule("forwarding.overlay-isolation", "4 overlay", s -> s.route() == Route.ISOLATION && (s.source().driver() == Driver.OVERLAY || s.target().driver() == Driver.OVERLAY),
                    Outcome.BLOCKED),
            rule("filter.isolation", "3 isolation", s -> s.route() == Route.ISOLATION, Outcome.BLOCKED),
            rule("names.host-mode", "4 host", s -> s.source().driver() == Driver.HOST && s.route() == Route.NAME, Outcome.BLOCKED),
            rule("stack.host-mode", "4 host", s -> s.source().driver() == Driver.HOST, Outcome.REACHABLE),
            rule("filter.icc", "3 icc", s -> NetworkOptions.iccOff(s.source()) && s.sameHost() && (s.route() == Route.ADDRESS || s.route() == Route.NAME)
                    && s.probe() != ProbeKind.DNS, Outcome.BLOCKED),
            rule("names.overlay-gossip", "9 encrypted", s -> s.source().driver() == Driver.OVERLAY && s.route() == Route.NAME && s.probe() == ProbeKind.DNS, Outcome.REACHABLE),
            preflight("forwarding.esp-missing", "9 encrypted", s -> s.source().driver() == Driver.OVERLAY && s.source().encrypted() && !s.sameHost() && s.espMissing(),
                    Outcome.BLOCKED),
            rule("forwarding.mtu", "9 mtu", s -> s.probe() == ProbeKind.MTU && s.overlayTooLarge(), Outcome.BLOCKED),
            rule("names.overlay", "4 overlay", s -> s.source().driver() == Driver.OVERLAY && s.route() == Route.NAME, Outcome.REACHABLE),
            rule("forwarding.overlay", "4 overlay", s -> s.source().driver() == Driver.OVERLAY, Outcome.REACHABLE),
            rule("names.macvlan-local", "4 macvlan", s -> s.source().driver() == Driver.MACVLAN && s.route() == Route.NAME && !s.sameHost(), Outcome.BLOCKED),
            rule("forwarding.macvlan", "4 macvlan", s -> s.source().driver() == Driver.MACVLAN, Outcome.REACHABLE),
            rule("names.default-bridge", "3 by name", s -> s.source().defaultBridge() && s.route() == Route.NAME, Outcome.BLOCKED),
            rule("names.bridge-local", "4 bridge", s -> s.route() == Route.NAME && !s.sameHost(), Outcome.BLOCKED),
            rule("forwarding.bridge-local", "4 bridge", s -> !s.sameHost(), Outcome.BLOCKED),
            rule("names.user-defined", "3 by name", s -> s.route() == Route.NAME, Outcome.REACHABLE),
            rule("forwarding.same-network", "3 by address", s -> true, Outcome.REACHABLE));

    private DriverRules() {
    }

    private static Rule rule(String key, String concept, Predicate<Situation> applies, Outcome outcome) {
        return new Rule(key, concept, applies, outcome, Expected.Source.RULE);
    }

    /** A rule that only applies because preflight found the kernel lacking. */
    private static Rule preflight(String key, String concept, Predicate<Situation> applies, Outcome outcome) {
        return new Rule(key, concept, applies, outcome, Expected.Source.PREFLIGHT);
    }

    /** The cut rule's expectation where it applies: it overrides what the situation would otherwise expect (a flag, a binding). */
    public static Optional<Expected> acrossACut(Situation situation) {
        return situation.acrossACut() ? Optional.of(expect(situation)) : Optional.empty();
    }

    public static Expected expect(Situation situation) {
        Rule rule = RULES.stream().filter(r -> r.applies().test(situation)).findFirst().orElseThrow();
        // A rule without a concept follows from what a lab step did to the hosts, not from a driver's promise.
        boolean routeDecides = situation.route() == Route.OUTSIDE || situation.route() == Route.HOST;
        Reason reason = situation.through().filter(n -> routeDecides).map(n -> rule.reason().and("stack.through", n)).orElse(rule.reason());
        return new Expected(rule.outcome(), reason, rule.source());
    }
}
