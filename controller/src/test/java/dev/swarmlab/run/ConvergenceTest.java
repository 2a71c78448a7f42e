package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.deploy.FakeHost;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Reason;
import dev.swarmlab.plan.Route;
import dev.swarmlab.session.Connections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convergence gate on fake hosts: what it checks, what it says, and which cells a part that never converged makes errors. */
class ConvergenceTest {
    @TempDir
    Path dir;
    private Lab lab;
    private final FakeHost h1 = new FakeHost("h1", "10.0.0.11");
    private final FakeHost h2 = new FakeHost("h2", "10.0.0.12");
    private final List<Placed> placed = List.of(agent("a1", "h1", "10.90.0.2"), agent("b1", "h1", "10.90.0.3"), agent("a2", "h2", "10.90.0.4"));

    private static Placed agent(String name, String host, String address) {
        return new Placed(new Agent(name, host, Agent.Role.AGENT, List.of(new Workload.Attachment("ov", Optional.empty(), List.of())),
                Optional.empty()), name, true, Map.of("ov", address), Map.of());
    }

    private static Cell cell(String from, String to, Route route) {
        return new Cell(from + "-" + to + "-" + route, "ov", "a-" + from, from, "a-" + to, to, route, ProbeKind.TCP, "x", 7000, List.of(),
                Optional.empty(), new Expected(Outcome.REACHABLE, Reason.said("an overlay spans hosts"), Expected.Source.RULE));
    }

    @BeforeEach
    void healthyLab() throws Exception {
        Path file = dir.resolve("gate.yaml");
        Files.writeString(file, """
                name: gate
                hosts: local:2
                swarm: {managers: [h1]}
                networks:
                  - {name: ov, driver: overlay, attachable: true, subnet: 10.90.0.0/24}
                agents: {networks: [ov]}
                probes: [tcp]
                """);
        lab = LabFile.read(file);
        h1.nodes = List.of(new SwarmNode("n1", "h1", "manager", "ready", "active", true, "10.0.0.11"),
                new SwarmNode("n2", "h2", "worker", "ready", "active", false, "10.0.0.12"));
        h1.peers.put("ov", List.of("10.0.0.11", "10.0.0.12"));
        h2.peers.put("ov", List.of("10.0.0.12", "10.0.0.11"));
        // Each agent's embedded DNS knows the lab's containers on its own host.
        Map<String, String> known = Map.of("b1", "10.90.0.3", "a2", "10.90.0.4", "a1", "10.90.0.2");
        for (FakeHost host : List.of(h1, h2)) {
            host.agent = spec -> {
                String id = spec.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                String name = spec.replaceAll(".*\"target\":\"([^\"]+)\".*", "$1");
                return "{\"id\":\"" + id + "\",\"outcome\":\"ok\",\"timings\":{\"addresses\":[\"" + known.get(name) + "\"]}}";
            };
        }
    }

    private Convergence.Outcome gate(Set<String> cut) {
        try (Connections connections = FakeHost.connect(dir, h1, h2)) {
            return new Convergence(lab, connections, Duration.ofMillis(600)).await(placed, List.of(), cut, line -> { });
        }
    }

    @Test
    void aHealthyLabConvergesAtOnceAndBreaksNoCell() {
        Convergence.Outcome gate = gate(Set.of());
        assertTrue(gate.converged(), gate.describe());
        assertEquals(List.of("swarm nodes ready", "overlay peers", "embedded DNS on every host, across hosts on overlays"), gate.checked());
        assertEquals(Optional.empty(), gate.breaking(cell("h1", "h2", Route.NAME)));
    }

    @Test
    void aHostOthersDoNotSeeAsAPeerMakesItsCrossHostCellsErrorsAndNoOthers() {
        h1.peers.put("ov", List.of("10.0.0.11"));
        Convergence.Outcome gate = gate(Set.of());
        assertFalse(gate.converged());
        assertTrue(gate.describe().contains("h2 is not a peer of ov on h1"), gate.describe());
        assertEquals(Optional.of("the lab did not converge: h2 is not a peer of ov on h1 (not a finding about Docker's drivers)"),
                gate.breaking(cell("h1", "h2", Route.ADDRESS)));
        assertEquals(Optional.empty(), gate.breaking(cell("h1", "h1", Route.NAME)), "h1's own cells do not need h2");
    }

    @Test
    void aNodeDownInTheSwarmAndADeafDnsAreSaidWithTheirHost() {
        h1.nodes = List.of(h1.nodes.get(0), new SwarmNode("n2", "h2", "worker", "down", "active", false, "10.0.0.12"));
        h2.agent = spec -> "{\"id\":\"" + spec.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1") + "\",\"outcome\":\"blocked\",\"reason\":\"no such name\"}";
        Convergence.Outcome gate = gate(Set.of());
        assertTrue(gate.describe().contains("h2 is down and active in the swarm, as h1 sees it"), gate.describe());
        assertTrue(gate.describe().contains("h2's embedded DNS does not answer for its own container a2 on ov"), gate.describe());
        assertTrue(gate.breaking(cell("h2", "h2", Route.NAME)).isPresent(), "a name looked up on h2");
        assertEquals(Optional.empty(), gate.breaking(cell("h1", "h1", Route.ADDRESS)));
    }

    @Test
    void twoContainersOfOneOverlayAddressAreSaidAtOnceAndTheirCellsAreErrors() {
        List<Placed> twice = List.of(agent("a1", "h1", "10.90.0.2"), agent("b1", "h1", "10.90.0.3"), agent("a2", "h2", "10.90.0.2"));
        Map<String, String> known = Map.of("b1", "10.90.0.3", "a2", "10.90.0.2", "a1", "10.90.0.2");
        for (FakeHost host : List.of(h1, h2)) {
            host.agent = spec -> "{\"id\":\"" + spec.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1") + "\",\"outcome\":\"ok\",\"timings\":{\"addresses\":[\""
                    + known.get(spec.replaceAll(".*\"target\":\"([^\"]+)\".*", "$1")) + "\"]}}";
        }
        try (Connections connections = FakeHost.connect(dir, h1, h2)) {
            long start = System.nanoTime();
            Convergence.Outcome gate = new Convergence(lab, connections, Duration.ofSeconds(30)).await(twice, List.of(), Set.of(), line -> { });
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "no waiting for what waiting cannot change");
            assertFalse(gate.converged());
            assertTrue(gate.describe().contains("a1 on h1 and a2 on h2 both hold 10.90.0.2 on ov"), gate.describe());
            Cell toA2 = new Cell("c", "ov", "b1", "h1", "a2", "h2", Route.ADDRESS, ProbeKind.TCP, "10.90.0.2", 7000, List.of("a2"), Optional.empty(),
                    new Expected(Outcome.REACHABLE, Reason.said("an overlay spans hosts"), Expected.Source.RULE));
            assertTrue(gate.breaking(toA2).isPresent());
        }
    }

    @Test
    void aHostCutOffOnPurposeIsNotAwaited() {
        h1.peers.put("ov", List.of("10.0.0.11"));
        h1.nodes = List.of(h1.nodes.get(0), new SwarmNode("n2", "h2", "worker", "down", "active", false, "10.0.0.12"));
        Convergence.Outcome gate = gate(Set.of("h2"));
        assertTrue(gate.converged(), "what a cut breaks is what the step meant: " + gate.describe());
    }
}
