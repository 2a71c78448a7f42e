package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.deploy.FakeHost;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.TestLabs;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.session.Connections;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bridge made without --subnet: judged by whether Docker took a free range of its default pools. */
class DefaultPoolsTest {
    @TempDir
    Path dir;

    private static NetworkState network(String name, String subnet) {
        return new NetworkState(name, name, "bridge", "local", List.of(subnet), List.of(), false, false, Map.of(), Map.of());
    }

    @Test
    void theNextFreeRangeOfTheDefaultPoolsMatchesAndAnythingElseDoesNot() throws Exception {
        Lab lab = TestLabs.read(dir, "name: a\nhosts: local:1\nnetworks: [{name: auto}, {name: chosen, subnet: 10.9.0.0/24}]\n");
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        h1.networks = List.of(network("bridge", "172.17.0.0/16"), network("docker_gwbridge", "172.18.0.0/16"), network("auto", "172.19.0.0/16"),
                network("chosen", "10.9.0.0/24"));
        try (Connections connections = FakeHost.connect(dir, h1)) {
            List<StepRound> rows = DefaultPools.check(lab, connections);
            assertEquals(1, rows.size(), "only the network without a subnet: " + rows);
            assertEquals(Verdict.MATCHED, rows.get(0).verdict(), rows.get(0).detail());
            assertTrue(rows.get(0).detail().startsWith("h1: auto got 172.19.0.0/16; the host's other networks: bridge 172.17.0.0/16"),
                    rows.get(0).detail());

            h1.networks = List.of(network("bridge", "172.17.0.0/16"), network("auto", "172.17.0.0/16"));
            assertEquals("overlapping", DefaultPools.check(lab, connections).get(0).outcome());
            h1.networks = List.of(network("auto", "10.200.0.0/16"));
            assertEquals("outside the pools", DefaultPools.check(lab, connections).get(0).outcome());
        }
    }
}
