package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.swarmlab.Each;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Publish;
import dev.swarmlab.lab.TestLabs;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.net.Ipv4;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labs written from Docker's documentation (labs/from-docs), planned over the facts Docker would
 * report for them on two hosts: what each page promises is what the model expects. Their real runs
 * (and the docker CLI by hand) are in each lab's doc.
 */
class FromDocsLabsTest {
    private static final Path LABS = Path.of("..", "labs", "from-docs");
    private static final Map<String, String> HOSTS = Map.of("h1", "10.250.0.11", "h2", "10.250.0.12");

    @TempDir
    Path dir;

    /** Each container with an address on each of its networks (an overlay's unique, a bridge's per host) and its ports as Docker binds them. */
    static List<Placed> deployed(Lab lab) {
        Map<String, Integer> next = new HashMap<>();
        List<Placed> placed = new ArrayList<>();
        for (Agent agent : Fleet.layout(lab, List.of("h1", "h2"))) {
            Map<String, String> addresses = new LinkedHashMap<>();
            for (Workload.Attachment a : agent.networks()) {
                Network network = lab.network(a.network()).orElseThrow();
                String key = network.swarmScope() ? a.network() : a.network() + "@" + agent.host();
                int n = next.merge(key, 2, (old, two) -> old + 1);
                addresses.put(a.network(), network.subnet().map(s -> Ipv4.format(s.address(n))).orElse(""));
            }
            Map<String, List<String>> ports = new LinkedHashMap<>();
            for (Publish p : agent.workload().map(Workload::publish).orElse(List.of())) {
                String binding = p.hostIp().orElse(lab.network(agent.firstNetwork()).orElseThrow().options()
                        .getOrDefault(NetworkOptions.HOST_BINDING, "0.0.0.0"));
                ports.put(p.container().toString(), List.of(binding + ":" + p.hostPort().orElse(32768)));
            }
            placed.add(new Placed(agent, agent.name(), true, addresses, ports));
        }
        return placed;
    }

    private static List<Cell> plan(Lab lab) {
        return ProbePlanner.plan(lab, deployed(lab), List.of(), HOSTS, HostConditions.NONE, CellFilter.ALL, Optional.of(new Outside("10.250.0.2", 80)));
    }

    private static List<Cell> plan(String name) {
        return plan(LabFile.read(LABS.resolve(name + ".yaml")));
    }

    private static List<Cell> where(List<Cell> cells, Predicate<Cell> which) {
        List<Cell> found = cells.stream().filter(which).toList();
        assertFalse(found.isEmpty(), "no such cells");
        return found;
    }

    @Test
    void bridgeOptionsChangeWhatTheBridgeReaches() {
        List<Cell> cells = plan("bridge-options");
        List<Cell> icc = where(cells, c -> c.source().equals("icc-a") && c.target().equals("icc-b"));
        assertTrue(Each.all(icc.stream(), c -> c.expected().reachable() == (c.probe() == ProbeKind.DNS)), "enable_icc=false: names only");
        assertTrue(Each.none(where(cells, c -> c.network().equals("no-masq") && c.route() == Route.OUTSIDE).stream(),
                c -> c.expected().reachable()), "enable_ip_masquerade=false: no way out");
        assertTrue(Each.all(where(cells, c -> c.network().equals("no-masq") && c.route() == Route.ADDRESS && c.sameHost()).stream(),
                c -> c.expected().reachable()), "peers are not affected");
        List<Cell> web = where(cells, c -> c.route() == Route.PUBLISHED && c.target().startsWith("web "));
        assertEquals(List.of("h1 10.250.0.11 blocked", "h1 127.0.0.1 reachable", "h2 10.250.0.11 blocked"), web.stream()
                .map(c -> c.sourceHost() + " " + c.dial() + " " + c.expected().label()).distinct().sorted().toList(),
                "host_binding_ipv4=127.0.0.1: the port answers on the loopback of its host only");
        assertTrue(Each.all(cells.stream(), c -> c.expected().judged()), "every option of this lab is modelled");
    }

    @Test
    void internalCutsEgressOnEveryDriverAndAnInternalOverlayItsHostToo() {
        List<Cell> cells = plan("internal-drivers");
        assertTrue(Each.none(where(cells, c -> c.route() == Route.OUTSIDE && !c.network().equals("host")).stream(), c -> c.expected().reachable()));
        assertTrue(Each.all(where(cells, c -> c.route() == Route.OUTSIDE && c.network().equals("host")).stream(), c -> c.expected().reachable()),
                "the outside answers the hosts' own stacks");
        assertTrue(Each.all(where(cells, c -> c.route() == Route.HOST && c.network().equals("closed-bridge")).stream(),
                c -> c.expected().reachable()), "an internal bridge's gateway is its host (Engine 20.10)");
        assertTrue(Each.none(where(cells, c -> c.route() == Route.HOST && c.network().equals("closed-overlay")).stream(),
                c -> c.expected().reachable()), "an internal overlay has no docker_gwbridge leg");
        assertTrue(Each.all(where(cells, c -> c.network().equals("closed-overlay") && c.route() == Route.ADDRESS && !c.sameHost()).stream(),
                c -> c.expected().reachable()), "the overlay itself still spans the hosts");
    }

    @Test
    void egressBelongsToTheContainerAndOtherNetworksStayApart() {
        List<Cell> cells = plan("multi-network");
        assertTrue(Each.all(where(cells, c -> c.source().equals("gateway") && c.route() == Route.OUTSIDE).stream(),
                c -> c.expected().reachable()), "on an internal and a normal bridge: out through the normal one");
        assertTrue(Each.none(where(cells, c -> c.source().equals("db") && c.route() == Route.OUTSIDE).stream(), c -> c.expected().reachable()));
        assertTrue(Each.none(where(cells, c -> c.source().equals("web") && c.target().equals("db")).stream(), c -> c.expected().reachable()));
        List<Cell> overlays = where(cells, c -> c.source().equals("left") && c.target().equals("right"));
        assertTrue(Each.all(overlays.stream(), c -> c.route() == Route.ISOLATION && !c.sameHost() && !c.expected().reachable()),
                "two overlays are kept apart, across hosts too");
    }

    @Test
    void aSharedAliasIsAnsweredByAnyOfItsHolders() {
        List<Cell> cells = plan("shared-alias");
        List<Cell> api = where(cells, c -> c.source().equals("client") && c.dial().equals("api"));
        assertEquals(List.of(List.of("api-1", "api-2")), api.stream().filter(c -> c.probe() == ProbeKind.TCP).map(Cell::answerers).toList());
        assertTrue(Each.all(api.stream(), c -> c.expected().reachable()));
        List<Cell> svc = where(cells, c -> c.source().equals("api-1") && c.dial().equals("svc") && c.probe() == ProbeKind.TCP);
        assertEquals(List.of(List.of("api-1", "svc-2")), svc.stream().map(Cell::answerers).toList(), "across hosts on the overlay, itself included");
        assertEquals("api-1,api-2", api.stream().filter(c -> c.probe() == ProbeKind.TCP).findFirst().orElseThrow().spec().get("expect"));
    }

    @Test
    void aPublishedUdpPortIsProbedFromOtherHostsAndFromItsHostsContainers() {
        List<Cell> cells = plan("udp-publish");
        List<Cell> udp = where(cells, c -> c.route() == Route.PUBLISHED && c.probe() == ProbeKind.UDP);
        assertEquals(List.of("h1/host", "h2/host", "neighbour/pub-bridge"), udp.stream()
                .map(c -> (c.network().equals("host") ? c.sourceHost() : c.source()) + "/" + c.network()).sorted().toList(),
                "both hosts' stacks, and the other container on its host");
        assertTrue(Each.all(udp.stream(), c -> c.port() == 9053 && c.dial().equals("10.250.0.11") && c.expected().reachable()));
    }

    @Test
    void anOptionTheModelDoesNotKnowLeavesItsNetworksCellsNotJudged() {
        Lab lab = TestLabs.read(dir, """
                name: u
                hosts: local:2
                outside: local
                networks:
                  - {name: routed, driver: bridge, subnet: 10.92.0.0/24, options: {com.docker.network.bridge.trusted_host_interfaces: eth0}}
                  - {name: plain, driver: bridge, subnet: 10.93.0.0/24}
                agents: {networks: [routed, plain]}
                probes: [icmp, tcp]
                """);
        List<Cell> cells = plan(lab);
        List<Cell> routed = where(cells, c -> c.network().equals("routed") || c.target().contains("-routed-"));
        assertTrue(Each.all(routed.stream(), c -> !c.expected().judged() && c.expected().reason().startsWith(
                "option com.docker.network.bridge.trusted_host_interfaces=eth0 on routed is not modelled")), routed.get(0).expected().reason());
        assertTrue(Each.all(where(cells, c -> c.network().equals("plain") && !c.target().contains("-routed-")).stream(),
                c -> c.expected().judged()), "the other network's own cells are judged");
        Cell one = routed.get(0);
        assertEquals(Verdict.NOT_JUDGED, CellResult.judge(one, JsonNodeFactory.instance.objectNode().put("outcome", "ok")).verdict());
    }
}
