package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.Each;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.TestLabs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix of the drivers lab on two hosts, with the addresses Docker would hand out (bridges reuse theirs on every host). */
class ProbePlannerTest {
    @TempDir
    Path dir;

    private Lab lab(String extra) throws IOException {
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, """
                name: d
                hosts: local:2
                swarm: {managers: [h1]}
                networks:
                  - {name: ov, driver: overlay, attachable: true, subnet: 10.90.0.0/24}
                  - {name: br, driver: bridge, subnet: 10.91.0.0/24}
                  - {name: bridge}
                  - {name: host}
                  - {name: none}
                agents: {networks: [ov, br, bridge, host, none]}
                probes: [icmp, tcp, dns]
                """ + extra);
        return LabFile.read(file);
    }

    /** Overlay addresses unique across hosts; bridge addresses .2 and .3 on each host, as each host's own IPAM gives them. */
    private static List<Placed> placed(Lab lab) {
        List<Placed> placed = new ArrayList<>();
        int overlay = 2;
        for (Agent agent : Fleet.layout(lab, List.of("h1", "h2"))) {
            String network = agent.firstNetwork();
            int slot = agent.name().endsWith("-a") ? 2 : 3;
            String address = switch (network) {
                case "ov" -> "10.90.0." + overlay++;
                case "br" -> "10.91.0." + slot;
                case "bridge" -> "172.17.0." + slot;
                default -> "";
            };
            placed.add(new Placed(agent, agent.name(), true, address.isEmpty() ? Map.of(network, "") : Map.of(network, address), Map.of()));
        }
        return placed;
    }

    private static final Map<String, String> HOSTS = Map.of("h1", "10.250.0.11", "h2", "10.250.0.12");

    private static List<Cell> select(List<Cell> cells, String network, Route route, boolean sameHost, String probe) {
        return cells.stream().filter(c -> c.network().equals(network) && c.route() == route && c.sameHost() == sameHost
                && c.probe().wire().equals(probe)).toList();
    }

    @Test
    void everyAgentProbesEveryPeerOnItsNetworkByAddressAndByName() throws IOException {
        Lab lab = lab("");
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE, CellFilter.ALL);
        // 4 overlay agents: each to 3 peers (1 on its host, 2 on the other)
        assertEquals(4, select(cells, "ov", Route.ADDRESS, true, "tcp").size());
        assertEquals(8, select(cells, "ov", Route.ADDRESS, false, "tcp").size());
        assertEquals(12, cells.stream().filter(c -> c.network().equals("ov") && c.probe() == ProbeKind.DNS).count(), "dns only by name");
        assertTrue(Each.all(cells.stream().filter(c -> c.probe() == ProbeKind.DNS), c -> c.route() == Route.NAME));
        assertTrue(Each.all(select(cells, "ov", Route.NAME, false, "tcp").stream(), c -> c.expected().reachable()));
        assertTrue(Each.none(select(cells, "br", Route.NAME, false, "tcp").stream(), c -> c.expected().reachable()));
        assertTrue(Each.none(select(cells, "bridge", Route.NAME, true, "dns").stream(), c -> c.expected().reachable()));
        assertTrue(Each.all(select(cells, "bridge", Route.ADDRESS, true, "icmp").stream(), c -> c.expected().reachable()));
        // tcp names the container that must answer; icmp cannot
        assertTrue(Each.all(select(cells, "ov", Route.ADDRESS, false, "tcp").stream(), c -> c.answerers().equals(List.of(c.target()))));
        assertTrue(Each.all(select(cells, "ov", Route.ADDRESS, false, "icmp").stream(), c -> c.answerers().isEmpty()));
    }

    @Test
    void throughputIsSampledOncePerNetworkOnTheSameHostAndOnceAcrossHosts() throws IOException {
        lab("");
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, Files.readString(file).replace("probes: [icmp, tcp, dns]", "probes: [tcp, throughput]"));
        Lab lab = LabFile.read(file);
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE, CellFilter.ALL);
        List<Cell> throughput = cells.stream().filter(c -> c.probe() == ProbeKind.THROUGHPUT).toList();
        for (String network : List.of("ov", "br", "bridge")) {
            assertEquals(1, select(cells, network, Route.ADDRESS, true, "throughput").size(), network + " on one host");
            assertEquals(1, select(cells, network, Route.ADDRESS, false, "throughput").size(), network + " across hosts");
        }
        assertEquals(1, select(cells, "host", Route.ADDRESS, false, "throughput").size(), "host mode: one host to another");
        assertEquals(7, throughput.size(), "nothing by name, nothing from none: " + throughput);
        assertEquals(1000, throughput.get(0).spec().get("durationMs"));
        assertTrue(Each.all(throughput.stream(), c -> c.answerers().equals(List.of(c.target()))),
                "another container answering a reused bridge address shows as misrouted, not as the path's throughput");
        assertTrue(select(cells, "ov", Route.ADDRESS, false, "tcp").size() > 1, "the other probes still cover every pair");
    }

    @Test
    void workloadsProbeTooAndOnlyTheirPublishedPortsAnswerAtTheHostsAddress() throws IOException {
        Lab lab = lab("""
                workloads:
                  - {name: db, host: h1, networks: [{name: br, aliases: [mongodb]}], listen: [27017]}
                  - {name: app, host: h1, networks: [br], listen: [3000], publish: ["3000:3000"]}
                  - {name: local, host: h1, networks: [br], listen: [80], publish: ["127.0.0.1:8082:80"]}
                """);
        List<Placed> placed = new ArrayList<>();
        for (Placed p : placed(lab)) {
            Map<String, List<String>> ports = switch (p.name()) {
                case "app" -> Map.of("3000/tcp", List.of("0.0.0.0:3000"));
                case "local" -> Map.of("80/tcp", List.of("127.0.0.1:8082"));
                default -> Map.of();
            };
            placed.add(p.agent().role() != Agent.Role.WORKLOAD ? p : new Placed(p.agent(), p.id(), true,
                    Map.of("br", p.name().equals("app") ? "10.91.0.10" : p.name().equals("db") ? "10.91.0.11" : "10.91.0.12"), ports));
        }
        List<Cell> cells = ProbePlanner.plan(lab, placed, HOSTS, HostConditions.NONE, CellFilter.ALL);
        List<Cell> appToDb = cells.stream().filter(c -> c.source().equals("app") && c.target().equals("db") && c.probe() == ProbeKind.TCP).toList();
        assertEquals(List.of("10.91.0.11", "db", "mongodb"), appToDb.stream().map(Cell::dial).toList(), "by address, name and alias");
        assertTrue(Each.all(appToDb.stream(), c -> c.port() == 27017 && c.expected().reachable()), "tcp to the port the db listens on");
        List<Cell> unpublished = cells.stream().filter(c -> c.route() == Route.UNPUBLISHED).toList();
        assertEquals(List.of(27017), unpublished.stream().map(Cell::port).distinct().toList(), "only the db's port, which it does not publish");
        assertTrue(Each.none(unpublished.stream(), c -> c.expected().reachable()), unpublished.toString());
        assertEquals("10.250.0.11", unpublished.get(0).dial(), "at its host's address");
        List<Cell> published = cells.stream().filter(c -> c.route() == Route.PUBLISHED && c.target().startsWith("app ")).toList();
        List<Cell> fromStacks = published.stream().filter(c -> c.network().equals("host")).toList();
        assertEquals(2, fromStacks.size(), "from both hosts' stacks");
        assertTrue(Each.all(published.stream(), c -> c.port() == 3000 && c.expected().reachable() == !c.network().equals("none")),
                "from every container on its host too, but the one on none");
        List<Cell> fromNeighbours = published.stream().filter(c -> !c.network().equals("host")).toList();
        assertEquals(List.of("d-br-h1-a", "d-br-h1-b", "d-bridge-h1-a", "d-bridge-h1-b", "d-none-h1-a", "d-ov-h1-a", "d-ov-h1-b", "db", "local"),
                fromNeighbours.stream().map(Cell::source).sorted().toList(), "each other container on h1, once");
        assertTrue(Each.all(fromNeighbours.stream(), c -> c.dial().equals("10.250.0.11") && c.sameHost()));
        List<Cell> bound = cells.stream().filter(c -> c.route() == Route.PUBLISHED && c.target().startsWith("local ") && c.network().equals("host"))
                .toList();
        assertEquals(List.of("h1 127.0.0.1 reachable", "h2 10.250.0.11 blocked"), bound.stream().map(c -> c.sourceHost() + " " + c.dial() + " "
                + c.expected().label()).sorted().toList(), "-p 127.0.0.1:8082:80 answers on that address only");
        List<Cell> hostByName = cells.stream().filter(c -> c.route() == Route.HOST_NAME && c.source().equals("app")).toList();
        assertEquals(List.of("host.docker.internal"), hostByName.stream().map(Cell::dial).distinct().toList());
        assertTrue(Each.none(hostByName.stream(), c -> c.expected().reachable()), "without --add-host the name does not resolve");
        Cell self = cells.stream().filter(c -> c.route() == Route.SELF && c.source().equals("app")).findFirst().orElseThrow();
        assertEquals("localhost:7000 answered by app", self.dial() + ":" + self.port() + " answered by " + self.answerers().get(0));
    }

    @Test
    void aLegacyLinkResolvesItsAliasAndTheNameFromTheLinkingSideOnly() throws IOException {
        Lab lab = lab("""
                workloads:
                  - {name: database, host: h1, networks: [bridge]}
                  - {name: frontend, host: h1, networks: [bridge], links: ["database:db"]}
                """);
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE, CellFilter.ALL);
        List<String> link = cells.stream().filter(c -> c.route() == Route.LINK && c.probe() == ProbeKind.TCP)
                .map(c -> c.source() + " " + c.dial() + " " + c.expected().label()).sorted().toList();
        assertEquals(List.of("database db blocked", "frontend db reachable"), link);
        List<String> byName = cells.stream().filter(c -> c.route() == Route.NAME && c.probe() == ProbeKind.TCP && c.network().equals("bridge")
                && List.of("database", "frontend").contains(c.source()) && List.of("database", "frontend").contains(c.target()))
                .map(c -> c.source() + " " + c.dial() + " " + c.expected().label()).sorted().toList();
        assertEquals(List.of("database frontend blocked", "frontend database reachable"), byName, "the default bridge resolves no names"
                + " but the link's");
    }

    @Test
    void aBridgeAddressReusedOnTheSourcesHostIsMarkedAsShadowed() throws IOException {
        Lab lab = lab("");
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE, CellFilter.ALL);
        Cell cross = select(cells, "br", Route.ADDRESS, false, "icmp").stream()
                .filter(c -> c.source().equals("d-br-h1-a") && c.target().equals("d-br-h2-b")).findFirst().orElseThrow();
        assertEquals("10.91.0.3", cross.dial());
        assertEquals(Optional.of("d-br-h1-b"), cross.shadowedBy(), "h1's own -b holds 10.91.0.3 too");
        assertTrue(Each.all(select(cells, "ov", Route.ADDRESS, false, "icmp").stream(), c -> c.shadowedBy().isEmpty()));
    }

    @Test
    void hostModeDialsTheHostsAddressAndNoneOnlyNames() throws IOException {
        Lab lab = lab("");
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE, CellFilter.ALL);
        assertEquals(Set.of("10.250.0.11", "10.250.0.12"), cells.stream().filter(c -> c.network().equals("host") && c.route() == Route.ADDRESS)
                .map(Cell::dial).collect(Collectors.toSet()));
        assertEquals(Set.of(Route.NAME, Route.HOST), cells.stream().filter(c -> c.network().equals("none")).map(Cell::route)
                .collect(Collectors.toSet()));
        assertTrue(Each.none(cells.stream().filter(c -> c.network().equals("none")), c -> c.expected().reachable()));
        List<Cell> toHost = cells.stream().filter(c -> c.route() == Route.HOST && c.probe() == ProbeKind.TCP).toList();
        assertEquals(2 * (2 + 2 + 2 + 1 + 1), toHost.size(), "every agent to its own host");
        assertTrue(Each.all(toHost.stream(), c -> c.answerers().get(0).startsWith("d-host-" + c.sourceHost())),
                "the host-mode agent answers at the host's address");
    }

    @Test
    void isolationCellsGoToEveryBridgeAndOverlayTheSourceIsNotOn() throws IOException {
        Lab lab = lab("");
        List<Cell> isolation = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE, CellFilter.ALL).stream()
                .filter(c -> c.route() == Route.ISOLATION).toList();
        assertEquals(3 * 4 * 2 * 2, isolation.size(), "(ov, br, bridge) x 4 agents x the 2 others x (icmp, tcp)");
        assertTrue(Each.all(isolation.stream(), c -> !c.expected().reachable()));
        assertTrue(Each.all(isolation.stream().filter(c -> !c.target().contains("-ov-")), Cell::sameHost), "a bridge's addresses repeat elsewhere");
        assertTrue(isolation.stream().anyMatch(c -> c.target().contains("-ov-") && !c.sameHost()), "an overlay's containers on any host");
    }

    @Test
    void preflightsMissingEspBlocksAnEncryptedOverlayAcrossHostsOnly() throws IOException {
        Lab encrypted = TestLabs.read(dir, """
                name: e
                hosts: local:2
                swarm: {managers: [h1]}
                networks: [{name: sec, driver: overlay, attachable: true, encrypted: true, subnet: 10.95.0.0/24}]
                agents: {networks: [sec]}
                probes: [tcp]
                """);
        List<Placed> placed = new ArrayList<>();
        int n = 2;
        for (Agent agent : Fleet.layout(encrypted, List.of("h1", "h2"))) {
            placed.add(new Placed(agent, agent.name(), true, Map.of("sec", "10.95.0." + n++), Map.of()));
        }
        HostConditions gaps = new HostConditions(Map.of("h1", Set.of("esp", "ip_vs"), "h2", Set.of("esp")));
        List<Cell> cells = ProbePlanner.plan(encrypted, placed, HOSTS, gaps, CellFilter.ALL);
        List<Cell> cross = select(cells, "sec", Route.ADDRESS, false, "tcp");
        assertTrue(Each.all(cross.stream(), c -> !c.expected().reachable() && c.expected().source() == Expected.Source.PREFLIGHT), cross.toString());
        assertTrue(Each.all(select(cells, "sec", Route.ADDRESS, true, "tcp").stream(), c -> c.expected().reachable()));
        assertTrue(Each.all(ProbePlanner.plan(encrypted, placed, HOSTS, HostConditions.NONE, CellFilter.ALL).stream()
                .filter(c -> c.route() == Route.ADDRESS), c -> c.expected().reachable()), "with ESP, it is an overlay like any other");
    }

    @Test
    void aHostOutsideTheEnginesTheRulesCoverLeavesItsCellsNotJudged() throws IOException {
        Lab lab = lab("");
        HostConditions next = HostConditions.NONE.withEngines(Map.of("h1", Engine.parse("28.5.2").orElseThrow(),
                "h2", Engine.parse("29.0.1").orElseThrow()));
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, next, CellFilter.ALL);
        List<Cell> involvingH2 = cells.stream().filter(c -> c.sourceHost().equals("h2") || c.targetHost().equals("h2")).toList();
        List<Cell> onH1 = cells.stream().filter(c -> c.sourceHost().equals("h1") && c.targetHost().equals("h1")).toList();
        assertTrue(!involvingH2.isEmpty() && !onH1.isEmpty());
        assertTrue(Each.all(involvingH2.stream(), c -> !c.expected().judged() && c.expected().reason().startsWith(
                "the engine of h2 is Docker 29.0.1, outside the engines the judge's rules cover (20.10 to 28.x)")), involvingH2.toString());
        assertTrue(Each.all(onH1.stream(), c -> c.expected().judged()), "h1's 28.5 is covered: " + onH1);
    }

    @Test
    void aDefaultBridgeIsJudgedWithTheOptionsItsHostsDaemonGaveIt() throws IOException {
        Lab lab = lab("");
        HostConditions iccOffOnH1 = HostConditions.NONE.withDefaultBridges(Map.of("h1", Map.of(NetworkOptions.ICC, "false")));
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, iccOffOnH1, CellFilter.ALL);
        List<Cell> onH1 = select(cells, "bridge", Route.ADDRESS, true, "tcp").stream().filter(c -> c.sourceHost().equals("h1")).toList();
        List<Cell> onH2 = select(cells, "bridge", Route.ADDRESS, true, "tcp").stream().filter(c -> c.sourceHost().equals("h2")).toList();
        assertTrue(Each.all(onH1.stream(), c -> !c.expected().reachable() && c.expected().reason().contains("enable_icc=false")), onH1.toString());
        assertTrue(Each.all(onH2.stream(), c -> c.expected().reachable()), "h2's daemon has Docker's defaults: " + onH2);
        assertTrue(Each.all(select(cells, "br", Route.ADDRESS, true, "tcp").stream(), c -> c.expected().reachable()),
                "a user-defined bridge has the lab's options, not the daemon's");
    }

    @Test
    void theLabsOwnExpectationWinsAndSaysWhy() throws IOException {
        Lab lab = lab("""
                expectations:
                  - {from: agent@h1, network: ov, probe: icmp, expect: blocked, reason: this lab's firewall drops icmp from h1}
                """);
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE, CellFilter.ALL);
        List<Cell> overridden = cells.stream().filter(c -> c.expected().source() == Expected.Source.LAB).toList();
        assertTrue(Each.all(overridden.stream(), c -> c.sourceHost().equals("h1") && c.network().equals("ov") && c.probe() == ProbeKind.ICMP
                && c.expected().outcome() == Outcome.BLOCKED && c.expected().reason().equals("this lab's firewall drops icmp from h1")));
        assertEquals(2 * (3 + 3 + 2 + 1), overridden.size(), "two h1 overlay agents: 3 peers by address, 3 by name, 2 other networks, their host");
    }

    @Test
    void filtersKeepOnlyTheNamedNetworksProbesAndHosts() throws IOException {
        Lab lab = lab("");
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), HOSTS, HostConditions.NONE,
                new CellFilter(Set.of("br"), Set.of("tcp"), Set.of()));
        assertTrue(!cells.isEmpty() && Each.all(cells.stream(), c -> c.network().equals("br") && c.probe() == ProbeKind.TCP));
    }

    @Test
    void servicesAreProbedByNameByTasksNameAndByTaskAddressAndIpvsGapsBlockOnlyTheVip() throws IOException {
        Lab lab = lab("""
                workloads:
                  - {name: web, kind: service, networks: [ov], replicas: 2, publish: ['8081:8080']}
                  - {name: rr, kind: service, networks: [ov], replicas: 1, endpointMode: dnsrr}
                """);
        List<SwarmService> services = List.of(
                new SwarmService("web", List.of(8081), List.of(
                        new SwarmService.Task("h1", "running", Map.of("ov", "10.90.0.101")),
                        new SwarmService.Task("h2", "running", Map.of("ov", "10.90.0.102")))),
                new SwarmService("rr", List.of(), List.of(
                        new SwarmService.Task("h2", "running", Map.of("ov", "10.90.0.103")))));
        HostConditions noIpvs = new HostConditions(Map.of("h1", Set.of("ip_vs"), "h2", Set.of("ip_vs")));
        List<Cell> cells = ProbePlanner.plan(lab, placed(lab), services, HOSTS, noIpvs, CellFilter.ALL);
        List<Cell> vip = cells.stream().filter(c -> c.route() == Route.SERVICE && c.target().equals("web")).toList();
        assertEquals(4 * 3, vip.size(), "4 overlay agents x (icmp, tcp, dns)");
        assertTrue(Each.all(vip.stream().filter(c -> c.probe() != ProbeKind.DNS), c -> !c.expected().reachable()
                && c.expected().source() == Expected.Source.PREFLIGHT && c.expected().reason().contains("IP_VS")));
        assertTrue(Each.all(vip.stream().filter(c -> c.probe() == ProbeKind.DNS), c -> c.expected().reachable()), "the VIP still resolves");
        assertTrue(Each.all(cells.stream().filter(c -> c.route() == Route.TASKS), c -> c.expected().reachable() && c.dial().startsWith("tasks.")));
        assertTrue(Each.all(cells.stream().filter(c -> c.route() == Route.SERVICE && c.target().equals("rr")), c -> c.expected().reachable()),
                "dnsrr needs no IPVS");
        List<Cell> tasks = cells.stream().filter(c -> c.route() == Route.ADDRESS && c.target().startsWith("web@")).toList();
        assertEquals(4 * 2 * 2, tasks.size(), "4 agents x 2 tasks x (icmp, tcp)");
        assertTrue(Each.all(tasks.stream(), c -> c.expected().reachable() && (c.answerers().equals(List.of("web")) || c.answerers().isEmpty() && c.probe() == ProbeKind.ICMP)));
        List<Cell> mesh = cells.stream().filter(c -> c.route() == Route.PUBLISHED).toList();
        assertEquals(2 * 2, mesh.size(), "2 host agents x 2 hosts' addresses");
        assertTrue(Each.all(mesh.stream(), c -> c.port() == 8081 && !c.expected().reachable()));
        assertTrue(Each.all(ProbePlanner.plan(lab, placed(lab), services, HOSTS, HostConditions.NONE, CellFilter.ALL).stream()
                .filter(c -> c.route() == Route.SERVICE || c.route() == Route.PUBLISHED), c -> c.expected().reachable()),
                "with IPVS, the VIP and the routing mesh answer");
    }

    /** mode=host: the port is published only where a task runs, through no routing mesh, so IPVS does not matter. */
    @Test
    void aPortPublishedInHostModeAnswersOnlyWhereATaskRuns() throws IOException {
        Lab lab = lab("""
                workloads:
                  - {name: pinned, kind: service, networks: [ov], replicas: 1, publishMode: host, publish: ['8089:80']}
                """);
        List<SwarmService> services = List.of(new SwarmService("pinned", List.of(8089), List.of(
                        new SwarmService.Task("h2", "running", Map.of("ov", "10.90.0.101")))));
        HostConditions noIpvs = new HostConditions(Map.of("h1", Set.of("ip_vs"), "h2", Set.of("ip_vs")));
        List<Cell> published = ProbePlanner.plan(lab, placed(lab), services, HOSTS, noIpvs, CellFilter.ALL).stream()
                .filter(c -> c.route() == Route.PUBLISHED).toList();
        assertEquals(2 * 2, published.size(), "2 host agents x 2 hosts' addresses");
        assertTrue(Each.all(published.stream(), c -> c.expected().reachable() == c.targetHost().equals("h2")
                && c.expected().reason().contains("mode=host")), published.toString());
    }
}
