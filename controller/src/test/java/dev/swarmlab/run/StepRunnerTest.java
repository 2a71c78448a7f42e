package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.deploy.FakeHost;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.TestLabs;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab steps against a fake daemon: what it did, what it refused in its own words, and whether that is what the lab expected. */
class StepRunnerTest {
    @TempDir
    Path dir;

    private Lab lab() throws Exception {
        return TestLabs.read(dir, """
                name: steps
                hosts: local:1
                networks:
                  - {name: front, driver: bridge, subnet: 10.96.0.0/24}
                  - {name: back, driver: bridge, subnet: 10.97.0.0/24}
                workloads:
                  - {name: web, host: h1, networks: [front]}
                steps:
                  - {action: connect, workload: web, network: back}
                  - {action: remove-network, network: front, refused: in use}
                  - {action: prune}
                  - {action: remove-network, network: back, refused: expected refused}
                  - {action: stop, workload: web}
                """);
    }

    @Test
    void stepsDoWhatTheySayAndARefusalIsTheResultInDockersWords() throws Exception {
        Lab lab = lab();
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        h1.refusals.put("rm front", "error while removing network: network front id 3f2a has active endpoints");
        h1.unused = List.of("back");
        List<Placed> placed = Fleet.layout(lab, List.of("h1")).stream().map(a -> new Placed(a, a.name(), true, Map.of("front", "10.96.0.2"),
                Map.of())).toList();
        try (Connections connections = FakeHost.connect(dir, h1)) {
            StepRunner steps = new StepRunner(lab, connections, HostChanges.of(new LabState(dir)));
            List<StepRound> rounds = new ArrayList<>();
            for (int i = 0; i < lab.steps().size(); i++) {
                rounds.add(steps.run(i + 1, lab.steps().get(i), placed));
            }
            assertEquals(List.of("connect web back", "prune dev.swarmlab.lab=steps", "rm back", "stop web"), h1.calls);
            assertEquals("done: connected web to back on h1", rounds.get(0).outcome() + ": " + rounds.get(0).detail());
            assertEquals("refused: h1: error while removing network: network front id 3f2a has active endpoints",
                    rounds.get(1).outcome() + ": " + rounds.get(1).detail());
            assertEquals(Verdict.MATCHED, rounds.get(1).verdict(), "the lab expected the refusal");
            assertEquals("pruned the lab's unused networks: h1: removed back", rounds.get(2).detail());
            assertEquals(Verdict.UNEXPECTED, rounds.get(3).verdict(), "expected refused, but Docker removed it");
            assertEquals("refused", rounds.get(3).expected());
            assertEquals("done: stopped web on h1 (it had 10.96.0.2 on front)", rounds.get(4).outcome() + ": " + rounds.get(4).detail());
            assertEquals(List.of(1, 2, 3, 4, 5), rounds.stream().map(StepRound::round).toList());
        }
    }

    /** mtu, cut and restore act on the host over SSH, are written down before they are made, and restore puts back what was there. */
    @Test
    void hostStepsAreWrittenDownAndRestoredToWhatTheHostHad() throws Exception {
        Lab lab = TestLabs.read(dir, """
                name: hoststeps
                hosts: local:2
                networks: [{name: front, driver: bridge, subnet: 10.96.0.0/24}]
                agents: {networks: [front]}
                steps:
                  - {action: mtu, host: h2, mtu: 1400}
                  - {action: cut, host: h2}
                  - {action: restore, host: h2}
                """);
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        FakeHost h2 = new FakeHost("h2", "10.0.0.12");
        LabState state = new LabState(dir.resolve("state"));
        Path written = state.dir().resolve("host-changes.json");
        try (Connections connections = FakeHost.connect(dir, h1, h2)) {
            HostChanges changes = HostChanges.of(state);
            StepRunner steps = new StepRunner(lab, connections, changes);
            assertEquals(Map.of("h1", 1500, "h2", 1500), HostChanges.underlayMtus(connections));
            StepRound mtu = steps.run(1, lab.steps().get(0), List.of());
            assertEquals("done: h2: eth0 mtu 1500 -> 1400", mtu.outcome() + ": " + mtu.detail());
            assertEquals(Map.of("h1", 1500, "h2", 1400), HostChanges.underlayMtus(connections));
            assertTrue(Files.readString(written).contains("\"mtu\":1500"), "the MTU it had is kept before it is changed");

            StepRound cut = steps.run(2, lab.steps().get(1), List.of());
            assertEquals("done", cut.outcome(), cut.detail());
            assertTrue(cut.detail().startsWith("h2 cut off from h1 (10.0.0.11)"), cut.detail());
            String rules = String.join("\n", h2.calls);
            assertTrue(rules.contains("iptables -w -A SWARMLAB-CUT -p tcp --dport 22 -j RETURN"), "SSH stays open: " + rules);
            assertTrue(rules.contains("-s 10.0.0.11 -j DROP") && rules.contains("-d 10.0.0.11 -j DROP"), rules);
            assertEquals(Set.of("h2"), changes.cut());
            assertEquals(Set.of("h2"), HostChanges.of(state).cut(), "a crash now leaves enough behind to put h2 back");

            StepRound restore = steps.run(3, lab.steps().get(2), List.of());
            assertEquals("done: h2: no longer cut off, eth0 mtu 1500 again", restore.outcome() + ": " + restore.detail());
            assertEquals(Map.of("h1", 1500, "h2", 1500), HostChanges.underlayMtus(connections));
            assertTrue(String.join("\n", h2.calls).contains("iptables -w -X SWARMLAB-CUT"), h2.calls.toString());
            assertTrue(changes.cut().isEmpty());
            assertFalse(Files.exists(written), "nothing is left to restore");
            assertTrue(h1.calls.isEmpty(), "h1 was not touched: " + h1.calls);
        }
    }

    /** A run that ended before its restore step (a crash, ^C) leaves the record; the next run puts the host back first. */
    @Test
    void whatACrashedRunChangedIsPutBackByTheNext() throws Exception {
        Lab lab = TestLabs.read(dir, "name: one\nhosts: local:1\nnetworks: [{name: front, driver: bridge}]\nagents: {networks: [front]}\n"
                + "steps: [{action: mtu, host: h1, mtu: 1300}]\n");
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        LabState state = new LabState(dir.resolve("state"));
        try (Connections connections = FakeHost.connect(dir, h1)) {
            new StepRunner(lab, connections, HostChanges.of(state)).run(1, lab.steps().get(0), List.of());
            assertEquals(Map.of("h1", 1300), HostChanges.underlayMtus(connections));
            List<String> restored = HostChanges.of(state).restoreAll(lab, connections);
            assertEquals(List.of("h1: eth0 mtu 1500 again"), restored);
            assertEquals(Map.of("h1", 1500), HostChanges.underlayMtus(connections));
            assertEquals(List.of(), HostChanges.of(state).restoreAll(lab, connections), "restored once, not again");
        }
    }
}
