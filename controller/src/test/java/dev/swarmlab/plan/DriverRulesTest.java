package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Network.Driver;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.ProbeKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per claim of concepts.md that the driver rules encode: network, route, same host, ESP missing, outcome, concept. */
class DriverRulesTest {
    static Network network(String kind) {
        return switch (kind) {
            case "overlay" -> created("ov", Driver.OVERLAY, false, false);
            case "encrypted" -> created("enc", Driver.OVERLAY, false, true);
            case "user-bridge" -> created("br", Driver.BRIDGE, false, false);
            case "internal" -> created("int", Driver.BRIDGE, true, false);
            case "macvlan" -> created("mv", Driver.MACVLAN, false, false);
            case "default-bridge" -> Network.builtIn("bridge", Driver.BRIDGE);
            case "host" -> Network.builtIn("host", Driver.HOST);
            case "none" -> Network.builtIn("none", Driver.NONE);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Network created(String name, Driver driver, boolean internal, boolean encrypted) {
        return new Network(name, driver, false, Optional.empty(), Optional.empty(), Optional.empty(), true, internal, encrypted,
                OptionalInt.empty(), Map.of());
    }

    @ParameterizedTest(name = "{0} {1} same-host={2} {3} via-ipvs={4} esp-missing={5} ip_vs-missing={6}: {7}")
    @CsvSource({
            // 1: none and --internal have no egress; an --internal network still reaches its own host
            "none, ADDRESS, true, tcp, false, false, false, BLOCKED, 4 none",
            "none, HOST, true, tcp, false, false, false, BLOCKED, 4 none",
            "internal, HOST, true, tcp, false, false, false, REACHABLE, 1 internal",
            // 2: a container reaches its host; host mode is the host
            "user-bridge, HOST, true, tcp, false, false, false, REACHABLE, 2 host",
            "default-bridge, HOST, true, tcp, false, false, false, REACHABLE, 2 host",
            "overlay, HOST, true, tcp, false, false, false, REACHABLE, 2 host",
            "host, HOST, true, tcp, false, false, false, REACHABLE, 4 host",
            // 3: by address on one network, by name only on user networks, isolation between networks
            "default-bridge, ADDRESS, true, tcp, false, false, false, REACHABLE, 3 by address",
            "default-bridge, NAME, true, tcp, false, false, false, BLOCKED, 3 by name",
            "user-bridge, ADDRESS, true, tcp, false, false, false, REACHABLE, 3 by address",
            "user-bridge, NAME, true, tcp, false, false, false, REACHABLE, 3 by name",
            "internal, NAME, true, tcp, false, false, false, REACHABLE, 3 by name",
            "user-bridge, ISOLATION, true, tcp, false, false, false, BLOCKED, 3 isolation",
            "default-bridge, ISOLATION, true, tcp, false, false, false, BLOCKED, 3 isolation",
            // 4: bridges stay on their host, overlays cross hosts, host mode shares the stack, macvlan is on the segment
            "user-bridge, ADDRESS, false, tcp, false, false, false, BLOCKED, 4 bridge",
            "user-bridge, NAME, false, tcp, false, false, false, BLOCKED, 4 bridge",
            "default-bridge, ADDRESS, false, tcp, false, false, false, BLOCKED, 4 bridge",
            "overlay, ADDRESS, false, tcp, false, false, false, REACHABLE, 4 overlay",
            "overlay, NAME, false, tcp, false, false, false, REACHABLE, 4 overlay",
            "overlay, NAME, true, tcp, false, false, false, REACHABLE, 4 overlay",
            "host, ADDRESS, false, tcp, false, false, false, REACHABLE, 4 host",
            "host, NAME, false, tcp, false, false, false, BLOCKED, 4 host",
            "macvlan, ADDRESS, false, tcp, false, false, false, REACHABLE, 4 macvlan",
            "macvlan, NAME, false, tcp, false, false, false, BLOCKED, 4 macvlan",
            // 5: a published port answers at the host's address
            "host, PUBLISHED, false, tcp, false, false, false, REACHABLE, 5 -p",
            "host, UNPUBLISHED, false, tcp, false, false, false, BLOCKED, 3 app",
            // 1: egress works from every network but none and --internal ones
            "overlay, OUTSIDE, false, http, false, false, false, REACHABLE, 1 egress",
            "default-bridge, OUTSIDE, false, http, false, false, false, REACHABLE, 1 egress",
            "host, OUTSIDE, false, http, false, false, false, REACHABLE, 1 egress",
            "internal, OUTSIDE, false, http, false, false, false, BLOCKED, 1 internal",
            "none, OUTSIDE, false, http, false, false, false, BLOCKED, 4 none",
            // 9: an encrypted overlay needs ESP between hosts; on one host it needs none
            "encrypted, ADDRESS, false, tcp, false, true, false, BLOCKED, 9 encrypted",
            "encrypted, NAME, false, tcp, false, true, false, BLOCKED, 9 encrypted",
            "encrypted, NAME, false, dns, false, true, false, REACHABLE, 9 encrypted",
            "encrypted, ADDRESS, true, tcp, false, true, false, REACHABLE, 4 overlay",
            "encrypted, ADDRESS, false, tcp, false, false, false, REACHABLE, 4 overlay",
            // 9: services: a VIP needs IPVS (its name still resolves), dnsrr and tasks.NAME do not; 5: the routing mesh needs it too
            "overlay, SERVICE, false, tcp, true, false, true, BLOCKED, 9 ip_vs",
            "overlay, SERVICE, false, dns, true, false, true, REACHABLE, 9 vip",
            "overlay, SERVICE, false, tcp, true, false, false, REACHABLE, 9 vip",
            "overlay, SERVICE, false, tcp, false, false, true, REACHABLE, 9 dnsrr",
            "overlay, TASKS, false, tcp, false, false, true, REACHABLE, 9 tasks",
            "host, PUBLISHED, false, tcp, true, false, true, BLOCKED, 9 ip_vs",
            "host, PUBLISHED, false, tcp, true, false, false, REACHABLE, 5 mesh",
    })
    void eachClaimGivesItsExpectation(String kind, Route route, boolean sameHost, String probe, boolean viaIpvs, boolean espMissing,
                                      boolean ipvsMissing, Outcome outcome, String concept) {
        Network network = network(kind);
        Expected expected = DriverRules.expect(DriverRules.Situation.of(network, network, route, sameHost, ProbeKind.of(probe), viaIpvs, espMissing,
                ipvsMissing));
        assertEquals(outcome, expected.outcome(), expected.reason());
        assertTrue(expected.reason().endsWith(Citations.of(concept)), expected.reason());
        assertEquals((concept.equals("9 encrypted") && outcome == Outcome.BLOCKED) || concept.equals("9 ip_vs") ? Expected.Source.PREFLIGHT
                : Expected.Source.RULE,
                expected.source());
    }

    /** 9 mtu: the default overlay's full-size packets do not fit a path through a host whose underlay is 1400; `mtu: 1400` (1350 inside) does. */
    @ParameterizedTest(name = "{0} underlay source={1} target={2} {3}: {4}")
    @CsvSource({
            "overlay, 1500, 1400, mtu, BLOCKED, 9 mtu",
            "overlay, 1400, 1500, mtu, BLOCKED, 9 mtu",
            "overlay, 1500, 1500, mtu, REACHABLE, 4 overlay",
            "overlay, 1500, 1400, icmp, REACHABLE, 4 overlay",
            "snug, 1500, 1400, mtu, REACHABLE, 4 overlay",
            "snug, 1500, 1399, mtu, BLOCKED, 9 mtu",
    })
    void anUnderlaySmallerThanTheOverlayDropsFullSizePackets(String kind, int sourceMtu, int targetMtu, String probe, Outcome outcome,
                                                             String concept) {
        Network network = kind.equals("snug") ? new Network("snug", Driver.OVERLAY, false, Optional.empty(), Optional.empty(),
                Optional.empty(), true, false, false, OptionalInt.of(1400), Map.of()) : network(kind);
        Expected expected = DriverRules.expect(new DriverRules.Situation(network, network, Route.ADDRESS, false, ProbeKind.of(probe), false, false, false,
                sourceMtu, targetMtu, false));
        assertEquals(outcome, expected.outcome(), expected.reason());
        assertTrue(expected.reason().endsWith(Citations.of(concept)), expected.reason());
        Expected sameHost = DriverRules.expect(new DriverRules.Situation(network, network, Route.ADDRESS, true, ProbeKind.of(probe), false, false, false,
                sourceMtu, targetMtu, false));
        assertEquals(Outcome.REACHABLE, sameHost.outcome(), "on one host the underlay carries nothing: " + sameHost.reason());
    }

    /** A host a step cut off: nothing crosses to or from it, whatever the driver; on its own host, and to the outside, all is as before. */
    @ParameterizedTest(name = "{0} {1} same-host={2}: {3}")
    @CsvSource({
            "overlay, ADDRESS, false, BLOCKED",
            "overlay, ADDRESS, true, REACHABLE",
            "host, PUBLISHED, false, BLOCKED",
            "user-bridge, ADDRESS, true, REACHABLE",
            "overlay, OUTSIDE, false, REACHABLE",
    })
    void aCutHostIsReachedFromNoOtherHost(String kind, Route route, boolean sameHost, Outcome outcome) {
        Network network = network(kind);
        Expected expected = DriverRules.expect(new DriverRules.Situation(network, network, route, sameHost, ProbeKind.TCP, false, false, false,
                1500, 1500, true));
        assertEquals(outcome, expected.outcome(), expected.reason());
        assertEquals(outcome == Outcome.BLOCKED, expected.reason().contains("a lab step cut"), expected.reason());
    }

    /**
     * 1 internal, by engine: before 25.0 a container on an --internal bridge reaches its host (the bridge's gateway
     * carries its default route); from 25.0 on it has no default route, so nothing but the bridge answers. A second,
     * ordinary network gives it the route back on every engine.
     */
    @ParameterizedTest(name = "{0} on {1} with a second network={2}: {3} by {4}")
    @CsvSource({
            "HOST, 20.10.24+dfsg1, false, REACHABLE, stack.internal-bridge-host",
            "HOST, 24.0.9, false, REACHABLE, stack.internal-bridge-host",
            "HOST, 25.0.0, false, BLOCKED, stack.internal-bridge-no-route",
            "HOST, 26.1.5+dfsg1, false, BLOCKED, stack.internal-bridge-no-route",
            "HOST, 28.5.2+dfsg4, false, BLOCKED, stack.internal-bridge-no-route",
            "HOST, 28.5.2+dfsg4, true, REACHABLE, stack.gateway-host",
            "HOST, 20.10.24, true, REACHABLE, stack.internal-bridge-host",
            "OUTSIDE, 20.10.24, false, BLOCKED, stack.internal-out",
            "OUTSIDE, 28.5.2, false, BLOCKED, stack.no-way-out",
            "PUBLISHED, 20.10.24, false, BLOCKED, filter.internal-published",
            "PUBLISHED, 26.1.5, false, BLOCKED, stack.no-route-published",
    })
    void anInternalBridgesRouteToItsHostFollowsTheEngine(Route route, String version, boolean second, Outcome outcome, String key) {
        Network internal = network("internal");
        List<Network> stack = second ? List.of(internal, network("user-bridge")) : List.of(internal);
        Expected expected = DriverRules.expect(new DriverRules.Situation(internal, internal, route, true, ProbeKind.TCP, false, false, false,
                1500, 1500, false, stack, Engine.parse(version).orElseThrow(), Engine.BASELINE));
        assertEquals(outcome, expected.outcome(), expected.reason());
        assertEquals(key, expected.why().key(), expected.reason());
    }

    /**
     * Routed from another host to a container's own address (observed on 20.10.24, 26.1.5 and 28.5.2): the container's host
     * decides, its engine's filter rules take the packet; the source's engine does not matter.
     */
    @ParameterizedTest
    @CsvSource({
            "DIRECT, 28.5.2+dfsg4, 20.10.24, REACHABLE, filter.direct-published",
            "DIRECT, 20.10.24, 26.1.5+dfsg1, REACHABLE, filter.direct-published",
            "DIRECT_UNPUBLISHED, 28.5.2+dfsg4, 26.1.5+dfsg1, BLOCKED, filter.direct-unpublished",
            "DIRECT, 20.10.24, 28.5.2+dfsg4, BLOCKED, filter.direct-blocked",
            "DIRECT, 26.1.5+dfsg1, 28.0.0, BLOCKED, filter.direct-blocked",
            "DIRECT_UNPUBLISHED, 20.10.24, 28.5.2+dfsg4, BLOCKED, filter.direct-blocked",
    })
    void aContainerRoutedToFromAnotherHostFollowsItsHostsEngine(Route route, String source, String target, Outcome outcome, String key) {
        Network host = network("host");
        Network bridge = network("user-bridge");
        Expected expected = DriverRules.expect(new DriverRules.Situation(host, bridge, route, false, ProbeKind.TCP, false, false, false,
                1500, 1500, false, List.of(host), Engine.parse(source).orElseThrow(), Engine.parse(target).orElseThrow()));
        assertEquals(outcome, expected.outcome(), expected.reason());
        assertEquals(key, expected.why().key(), expected.reason());
    }

    /**
     * A bridge's gateway mode (observed on 28.5.2; 20.10.24 and 26.1.5 ignore the option and stay nat): the container's host's
     * engine takes it; 27.x is not observed, so its cells are not judged (CellSink), and no rule reads the mode there.
     */
    @ParameterizedTest
    @CsvSource({
            "DIRECT, routed, 28.5.2, REACHABLE, filter.gateway-direct",
            "DIRECT, nat-unprotected, 28.5.2, REACHABLE, filter.gateway-direct",
            "DIRECT_UNPUBLISHED, nat-unprotected, 28.5.2, REACHABLE, filter.unprotected-direct",
            "DIRECT_UNPUBLISHED, routed, 28.5.2, BLOCKED, filter.routed-unpublished",
            "DIRECT, nat, 28.5.2, BLOCKED, filter.direct-blocked",
            "DIRECT, routed, 26.1.5, REACHABLE, filter.direct-published",
            "DIRECT_UNPUBLISHED, nat-unprotected, 20.10.24, BLOCKED, filter.direct-unpublished",
    })
    void aBridgesGatewayModeFollowsItsHostsEngine(Route route, String mode, String version, Outcome outcome, String key) {
        Engine engine = Engine.parse(version).orElseThrow();
        Network host = network("host");
        Network bridge = NetworkOptions.asOn(network("user-bridge").withOptions(Map.of(NetworkOptions.GATEWAY_MODE, mode)), engine);
        Expected expected = DriverRules.expect(new DriverRules.Situation(host, bridge, route, false, ProbeKind.TCP, false, false, false,
                1500, 1500, false, List.of(host), Engine.BASELINE, engine));
        assertEquals(outcome, expected.outcome(), expected.reason());
        assertEquals(key, expected.why().key(), expected.reason());
    }

    /** The gateway mode is modelled before 27.0 (ignored) and from 28.0 (nat, nat-unprotected, routed), not on 27.x nor as isolated. */
    @Test
    void aGatewayModeIsJudgedOnTheEnginesItWasSeenOn() {
        Network routed = network("user-bridge").withOptions(Map.of(NetworkOptions.GATEWAY_MODE, "routed"));
        Network isolated = network("user-bridge").withOptions(Map.of(NetworkOptions.GATEWAY_MODE, "isolated"));
        assertEquals(List.of(), NetworkOptions.unmodelled(routed, Engine.parse("28.5.2").orElseThrow()));
        assertEquals(List.of(), NetworkOptions.unmodelled(routed, Engine.BASELINE));
        assertEquals(List.of(NetworkOptions.GATEWAY_MODE + "=routed"), NetworkOptions.unmodelled(routed, Engine.parse("27.5.1").orElseThrow()));
        assertEquals(List.of(NetworkOptions.GATEWAY_MODE + "=isolated"), NetworkOptions.unmodelled(isolated, Engine.parse("28.5.2").orElseThrow()));
    }

    /** Docker reads an overlay's mtu option as the underlay's: containers get 50 bytes less, and ESP's share less on an encrypted one. */
    @Test
    void anOverlaysContainersGetItsMtuOptionLessTheHeaders() {
        assertEquals(1450, network("overlay").overlayMtu());
        assertEquals(1424, network("encrypted").overlayMtu());
        assertEquals(1350, new Network("snug", Driver.OVERLAY, false, Optional.empty(), Optional.empty(), Optional.empty(), true, false,
                false, OptionalInt.of(1400), Map.of()).overlayMtu());
    }

    /** What a cut leaves alone: names (each host's DNS answers from what it holds) and macvlan frames (no host netfilter); the mesh does not help. */
    @Test
    void aCutLeavesNamesAndMacvlanAloneAndTheRoutingMeshCannotCrossIt() {
        Network overlay = network("overlay");
        assertEquals(Outcome.REACHABLE, DriverRules.expect(new DriverRules.Situation(overlay, overlay, Route.NAME, false, ProbeKind.DNS, false, false,
                false, 1500, 1500, true)).outcome());
        Network macvlan = network("macvlan");
        assertEquals(Outcome.REACHABLE, DriverRules.expect(new DriverRules.Situation(macvlan, macvlan, Route.ADDRESS, false, ProbeKind.TCP, false,
                false, false, 1500, 1500, true)).outcome());
        Network host = network("host");
        Expected mesh = DriverRules.expect(new DriverRules.Situation(host, host, Route.PUBLISHED, false, ProbeKind.TCP, true, false, false, 1500, 1500,
                true));
        assertEquals(Outcome.BLOCKED, mesh.outcome(), mesh.reason());
        assertTrue(DriverRules.acrossACut(new DriverRules.Situation(host, host, Route.PUBLISHED, false, ProbeKind.TCP, true, false, false, 1500, 1500,
                true)).isPresent(), "it overrides what a flag or binding would expect");
    }

    /** Every rule cites the page that promises it; a rule without a concept follows from a lab step, not a driver's promise. */
    @Test
    void everyRuleCitesItsSource() {
        for (DriverRules.Rule rule : DriverRules.RULES) {
            if (!rule.concept().isEmpty()) {
                assertTrue(Citations.of(rule.concept()).contains("docs.docker.com/"), rule.concept());
            }
        }
    }
}
