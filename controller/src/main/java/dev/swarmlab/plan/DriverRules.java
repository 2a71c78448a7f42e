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
 */
public final class DriverRules {
    /**
     * A cell's circumstances: the source's network, the target's, the route, whether both ends are
     * on one host, the probe, whether the path goes through IPVS (a service's VIP, the ingress
     * routing mesh), what the hosts' kernels lack (from preflight), the underlay MTU of the source's
     * host and of the target's (as measured), and whether a lab step cut either host off from the other.
     */
    public record Situation(Network source, Network target, Route route, boolean sameHost, ProbeKind probe, boolean viaIpvs,
                            boolean espMissing, boolean ipvsMissing, int sourceUnderlayMtu, int targetUnderlayMtu, boolean cut,
                            List<Network> stack) {
        public Situation {
            stack = stack.isEmpty() ? List.of(source) : List.copyOf(stack);
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
         * none). Host mode is the host's own stack.
         */
        public Optional<Network> defaultRoute() {
            return stack.stream().filter(n -> n.driver() != Driver.NONE && !(n.driver() == Driver.OVERLAY && n.internal()))
                    .min(Comparator.comparing((Network n) -> n.driver() != Driver.HOST).thenComparing(Network::internal)
                            .thenComparing(n -> n.driver() == Driver.OVERLAY).thenComparing(Network::name));
        }

        /** The source reaches its own host's addresses: host mode, or a default route through a gateway on the host (not macvlan's). */
        boolean reachesOwnHost() {
            return defaultRoute().map(n -> n.driver() != Driver.MACVLAN).orElse(false);
        }

        /** What the default route is, in words, where the container has several networks. */
        String through() {
            return stack.size() < 2 ? "" : defaultRoute().map(n -> " (through " + n.name() + ", which carries its default route: internal"
                    + " networks come last, then overlays, then by name)").orElse("");
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

    public record Rule(String concept, Predicate<Situation> applies, Outcome outcome, String reason, Expected.Source source) {
    }

    public static final List<Rule> RULES = List.of(
            rule("", Situation::acrossACut, Outcome.BLOCKED,
                    "a lab step cut one of the two hosts off from the lab's other hosts: nothing crosses between them"),
            preflight("9 ip_vs", s -> s.viaIpvs() && s.ipvsMissing() && s.probe() != ProbeKind.DNS, Outcome.BLOCKED,
                    "the kernel lacks IP_VS: the service's virtual IP (or the ingress routing mesh) resolves but nothing forwards"),
            rule("9 vip", s -> s.route() == Route.SERVICE && s.viaIpvs(), Outcome.REACHABLE,
                    "a service's name resolves to its virtual IP, which IPVS balances across the tasks"),
            rule("9 dnsrr", s -> s.route() == Route.SERVICE, Outcome.REACHABLE,
                    "with --endpoint-mode dnsrr a service's name resolves to its tasks' addresses"),
            rule("9 tasks", s -> s.route() == Route.TASKS, Outcome.REACHABLE,
                    "tasks.NAME resolves to every task's address"),
            rule("5 mesh", s -> s.route() == Route.PUBLISHED && s.viaIpvs(), Outcome.REACHABLE,
                    "a service's published port answers on every node through the ingress routing mesh"),
            rule("4 none", s -> s.source().driver() == Driver.NONE, Outcome.BLOCKED,
                    "network none: the container has only loopback, nothing goes in or out"),
            rule("1 internal", s -> s.route() == Route.OUTSIDE && s.defaultRoute().isEmpty(), Outcome.BLOCKED,
                    "none of the container's networks gives it a way out (an --internal overlay has no docker_gwbridge leg): nothing"
                            + " beyond its own networks answers"),
            rule("1 internal", s -> s.route() == Route.OUTSIDE && s.defaultRoute().get().internal(), Outcome.BLOCKED,
                    "an --internal network has no route out: nothing beyond the hosts answers"),
            rule("1 masquerade", s -> s.route() == Route.OUTSIDE && NetworkOptions.masqueradeOff(s.defaultRoute().get()), Outcome.BLOCKED,
                    "the default route is a bridge with com.docker.network.bridge.enable_ip_masquerade=false: packets leave from the"
                            + " container's own address, unNATed, and the outside has no route back to it"),
            rule("1 egress", s -> s.route() == Route.OUTSIDE, Outcome.REACHABLE,
                    "a container reaches the outside world with no options: its traffic is NATed out through its host's interface"),
            rule("1 internal", s -> s.route() == Route.HOST && s.source().driver() == Driver.OVERLAY && !s.reachesOwnHost(), Outcome.BLOCKED,
                    "an --internal overlay gives its containers no docker_gwbridge leg: they have no route to their host's address"),
            rule("1 internal", s -> s.route() == Route.HOST && s.source().internal() && s.source().driver() == Driver.BRIDGE, Outcome.REACHABLE,
                    "an --internal network still reaches its own host: the bridge's gateway is the host, and only forwarding beyond it"
                            + " is cut (measured; the notes say no egress, which holds for everything past the host)"),
            rule("4 host", s -> s.route() == Route.HOST && s.source().driver() == Driver.HOST, Outcome.REACHABLE,
                    "host mode shares the host's network stack: the host's address is its own"),
            rule("4 macvlan", s -> s.route() == Route.HOST && s.source().driver() == Driver.MACVLAN, Outcome.BLOCKED,
                    "a macvlan container cannot reach its own host: the kernel does not pass traffic between a macvlan interface and"
                            + " its parent"),
            rule("2 host", s -> s.route() == Route.HOST, Outcome.REACHABLE,
                    "a container reaches its own host's address through its network's gateway"),
            rule("5 -p", s -> s.route() == Route.PUBLISHED && !s.viaIpvs() && s.source().driver() != Driver.HOST && !s.reachesOwnHost(),
                    Outcome.BLOCKED, "the container has no route to its host's address (macvlan, or only an --internal overlay), so not to"
                            + " the port published there either"),
            rule("3 app", s -> s.route() == Route.UNPUBLISHED, Outcome.BLOCKED,
                    "a port the container does not publish is not at its host's address: only its own networks reach it"),
            rule("1 internal", s -> s.route() == Route.PUBLISHED && !s.viaIpvs() && s.source().driver() != Driver.HOST
                    && s.defaultRoute().map(n -> n.internal() && n.driver() == Driver.BRIDGE).orElse(false), Outcome.BLOCKED,
                    "the container reaches its host through an --internal bridge, for which Docker adds no exception to the port's DNAT"
                            + " rule: the packet is sent on to the publishing container, and Docker drops what an internal bridge forwards"
                            + " beyond itself (found by the differential test, seed 37)"),
            rule("1 masquerade", s -> s.route() == Route.PUBLISHED && !s.viaIpvs() && s.source().driver() != Driver.HOST
                    && s.defaultRoute().map(n -> NetworkOptions.masqueradeOff(n) && !n.name().equals(s.target().name())).orElse(false),
                    Outcome.BLOCKED, "the container reaches its host through a bridge with com.docker.network.bridge.enable_ip_masquerade"
                            + "=false, for which Docker adds no exception to the port's DNAT rule (it comes with masquerading): the packet"
                            + " is sent on to the publishing container on another network, and Docker's isolation between networks drops"
                            + " it (found by the differential test, seed 17592547965981)"),
            rule("5 -p", s -> s.route() == Route.PUBLISHED && s.source().driver() != Driver.HOST, Outcome.REACHABLE,
                    "a container reaches a port published on its own host at the host's address: the DNAT rule skips traffic from a"
                            + " bridge, and docker-proxy (or hairpin NAT) carries it"),
            rule("5 -p", s -> s.route() == Route.PUBLISHED, Outcome.REACHABLE,
                    "-p HOST:CONTAINER adds a DNAT rule: the port answers at the host's address"),
            rule("4 overlay", s -> s.route() == Route.ISOLATION && (s.source().driver() == Driver.OVERLAY || s.target().driver() == Driver.OVERLAY),
                    Outcome.BLOCKED, "an overlay is a VXLAN segment of its own: its addresses are routed nowhere outside it, so a"
                            + " container not on it cannot reach them (nor one on it the addresses of another network)"),
            rule("3 isolation", s -> s.route() == Route.ISOLATION, Outcome.BLOCKED,
                    "containers on two different networks cannot reach each other: Docker isolates networks"),
            rule("4 host", s -> s.source().driver() == Driver.HOST && s.route() == Route.NAME, Outcome.BLOCKED,
                    "host-mode containers have no name in Docker's DNS: they use the host's resolver"),
            rule("4 host", s -> s.source().driver() == Driver.HOST, Outcome.REACHABLE,
                    "host mode: the container answers at its host's address, with no -p needed"),
            rule("3 icc", s -> NetworkOptions.iccOff(s.source()) && s.sameHost() && (s.route() == Route.ADDRESS || s.route() == Route.NAME)
                    && s.probe() != ProbeKind.DNS, Outcome.BLOCKED, "com.docker.network.bridge.enable_icc=false: Docker drops what one"
                            + " container of the bridge sends another (their names still resolve)"),
            rule("9 encrypted", s -> s.source().driver() == Driver.OVERLAY && s.route() == Route.NAME && s.probe() == ProbeKind.DNS, Outcome.REACHABLE,
                    "an overlay's names resolve from the swarm's own records (gossip on 7946, not the encrypted data path): dns answers"
                            + " across hosts even where ESP is missing"),
            preflight("9 encrypted", s -> s.source().driver() == Driver.OVERLAY && s.source().encrypted() && !s.sameHost() && s.espMissing(),
                    Outcome.BLOCKED, "the kernel lacks ESP (CONFIG_INET_ESP): an encrypted overlay carries nothing between hosts"),
            rule("9 mtu", s -> s.probe() == ProbeKind.MTU && s.overlayTooLarge(), Outcome.BLOCKED,
                    "one of the two hosts has an underlay MTU smaller than the overlay's MTU + 50 bytes of VXLAN: a full-size packet"
                            + " is dropped on the way in (without a word), or refused on the way out once ICMP has told the sender; small"
                            + " ones pass"),
            rule("4 overlay", s -> s.source().driver() == Driver.OVERLAY && s.route() == Route.NAME, Outcome.REACHABLE,
                    "an overlay spans hosts, and its embedded DNS resolves every container on it by name"),
            rule("4 overlay", s -> s.source().driver() == Driver.OVERLAY, Outcome.REACHABLE,
                    "an overlay spans hosts: VXLAN carries the traffic between them"),
            rule("4 macvlan", s -> s.source().driver() == Driver.MACVLAN && s.route() == Route.NAME && !s.sameHost(), Outcome.BLOCKED,
                    "a macvlan network is local to its host: another host's container names are not in this host's DNS"),
            rule("4 macvlan", s -> s.source().driver() == Driver.MACVLAN, Outcome.REACHABLE,
                    "macvlan containers have addresses on the hosts' own segment"),
            rule("3 by name", s -> s.source().defaultBridge() && s.route() == Route.NAME, Outcome.BLOCKED,
                    "the default bridge has no embedded DNS: container names do not resolve on it"),
            rule("4 bridge", s -> s.route() == Route.NAME && !s.sameHost(), Outcome.BLOCKED,
                    "a bridge network is local to its host: another host's container names do not resolve here"),
            rule("4 bridge", s -> !s.sameHost(), Outcome.BLOCKED,
                    "a bridge network is local to its host: the address is another host's, or reused on this host's own bridge"),
            rule("3 by name", s -> s.route() == Route.NAME, Outcome.REACHABLE,
                    "containers on one user-defined network resolve each other by name (embedded DNS at 127.0.0.11)"),
            rule("3 by address", s -> true, Outcome.REACHABLE,
                    "containers on one network reach each other by address, on every port, with no -p"));

    private DriverRules() {
    }

    private static Rule rule(String concept, Predicate<Situation> applies, Outcome outcome, String reason) {
        return new Rule(concept, applies, outcome, reason, Expected.Source.RULE);
    }

    /** A rule that only applies because preflight found the kernel lacking. */
    private static Rule preflight(String concept, Predicate<Situation> applies, Outcome outcome, String reason) {
        return new Rule(concept, applies, outcome, reason, Expected.Source.PREFLIGHT);
    }

    /** The cut rule's expectation where it applies: it overrides what the situation would otherwise expect (a flag, a binding). */
    public static Optional<Expected> acrossACut(Situation situation) {
        return situation.acrossACut() ? Optional.of(expect(situation)) : Optional.empty();
    }

    public static Expected expect(Situation situation) {
        Rule rule = RULES.stream().filter(r -> r.applies().test(situation)).findFirst().orElseThrow();
        // A rule without a concept follows from what a lab step did to the hosts, not from a driver's promise.
        String through = situation.route() == Route.OUTSIDE || situation.route() == Route.HOST ? situation.through() : "";
        return new Expected(rule.outcome(), rule.reason() + through + (rule.concept().isEmpty() ? "" : Citations.of(rule.concept())),
                rule.source());
    }
}
