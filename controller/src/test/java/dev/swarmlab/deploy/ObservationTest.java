package dev.swarmlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.Each;
import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which hosts are the lab's swarm, while Docker still carries out a join a stopped deploy began. */
class ObservationTest {
    @TempDir
    Path dir;

    private Lab lab() throws Exception {
        Path file = dir.resolve("swarm.yaml");
        Files.writeString(file, """
                name: swarm
                description: two hosts in a swarm
                hosts: local:2
                swarm: {managers: [h1]}
                networks:
                  - {name: ov, driver: overlay, attachable: true, subnet: 10.90.0.0/24}
                agents: {networks: [ov]}
                """);
        return LabFile.read(file);
    }

    private static EngineInfo swarm(String host, String state, String node, boolean manager) {
        return new EngineInfo(host, "20.10.24", state, node, manager, manager ? "c1" : "", "", "6.1", "Debian");
    }

    @Test
    void aJoinStillPendingIsAwaitedAndTheHostIsThenTheLabsNodeNotAnotherSwarms() throws Exception {
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        FakeHost h2 = new FakeHost("h2", "10.0.0.12");
        h1.engine = swarm("h1", "active", "n1", true);
        h1.nodes = List.of(new SwarmNode("n1", "h1", "manager", "ready", "active", true, "10.0.0.11"),
                new SwarmNode("n2", "h2", "worker", "ready", "active", false, "10.0.0.12"));
        h2.engineBefore.addAll(List.of(swarm("h2", "pending", "", false), swarm("h2", "pending", "", false)));
        h2.engine = swarm("h2", "active", "n2", false);
        LabState state = new LabState(dir.resolve("state"));
        state.recordCluster("c1");
        Lab lab = lab();
        try (Connections connections = FakeHost.connect(dir, h1, h2)) {
            Observation observed = Observation.of(lab, connections, state);
            assertTrue(observed.inOurSwarm("h2"), "h2, once its join is done, is the lab's node: " + observed.views().get("h2"));
            DeployPlanner.Plan plan = DeployPlanner.plan(lab, Map.of("h1", "10.0.0.11", "h2", "10.0.0.12"), observed.views(),
                    observed.ourCluster(), observed.ourNodes());
            assertEquals(List.of(), plan.conflicts());
            assertTrue(Each.none(plan.actions().stream(), a -> a instanceof Action.JoinSwarm), "nothing joined twice: " + plan.actions());
        }
    }
}
