package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swarmlab.deploy.Connections;
import dev.swarmlab.deploy.FakeHost;
import dev.swarmlab.emulated.Progress;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.fleet.Placed;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.plan.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab steps against a fake daemon: what it did, what it refused in its own words, and whether that is what the lab expected. */
class StepRunnerTest {
    @TempDir
    Path dir;

    private Lab lab() throws Exception {
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, """
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
        return LabFile.read(file);
    }

    @Test
    void stepsDoWhatTheySayAndARefusalIsTheResultInDockersWords() throws Exception {
        Lab lab = lab();
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        h1.refusals.put("rm front", "error while removing network: network front id 3f2a has active endpoints");
        h1.unused = List.of("back");
        List<Placed> placed = Fleet.layout(lab, List.of("h1")).stream().map(a -> new Placed(a, a.name(), true, Map.of("front", "10.96.0.2"),
                Map.of())).toList();
        Inventory inventory = new Inventory(dir.resolve("inv.yaml"), List.of(h1.inventoryHost()));
        try (Connections connections = Connections.open(inventory, h -> h1.connection(), Progress.SILENT, Duration.ofSeconds(5))) {
            StepRunner steps = new StepRunner(lab, connections);
            List<StepRound> rounds = new java.util.ArrayList<>();
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
            assertEquals("done: stopped web on h1", rounds.get(4).outcome() + ": " + rounds.get(4).detail());
            assertEquals(List.of(1, 2, 3, 4, 5), rounds.stream().map(StepRound::round).toList());
        }
    }
}
