package dev.swarmlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.Endpoint;
import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing a network Docker still holds endpoints on: what is stale goes, a live container's endpoint stays. */
class LeftoversTest {
    @TempDir
    Path dir;

    private static FakeHost hostWithGwbridge(Endpoint endpoint) {
        FakeHost host = new FakeHost("h2", "10.0.0.12");
        host.networks = List.of(new NetworkState("g1", Leftovers.GWBRIDGE, "bridge", "local", List.of("172.18.0.0/16"), List.of(), false, false,
                Map.of(), Map.of()));
        host.endpoints.put(Leftovers.GWBRIDGE, List.of(endpoint));
        return host;
    }

    @Test
    void theIngressSandboxStillOnDockerGwbridgeAfterALeaveIsDisconnectedAndTheNetworkGoes() {
        FakeHost host = hostWithGwbridge(new Endpoint("ingress-sbox", "gateway_ingress-sbox"));
        try (Connections connections = FakeHost.connect(dir, host)) {
            Leftovers.removeNetwork(connections.get("h2").orElseThrow(), Leftovers.GWBRIDGE, false, Duration.ofSeconds(2));
        }
        assertEquals(List.of("disconnect gateway_ingress-sbox docker_gwbridge", "rm docker_gwbridge"), host.calls);
        assertEquals(List.of(), host.networks);
    }

    @Test
    void anOverlayTheSwarmStillHoldsJustAfterALeaveIsWaitedForAndGoes() {
        FakeHost host = hostWithGwbridge(new Endpoint("lb-ov1", "ov1-endpoint"));
        host.endpoints.clear();
        // Docker 20.10's leave answers before its node is gone: for a moment its manager still holds the overlay's load balancer task.
        host.removeRefusals.add("rpc error: code = FailedPrecondition desc = network jyqvb is in use by task zsc1i");
        host.removeRefusals.add("rpc error: code = FailedPrecondition desc = network jyqvb is in use by task zsc1i");
        try (Connections connections = FakeHost.connect(dir, host)) {
            Leftovers.removeNetwork(connections.get("h2").orElseThrow(), Leftovers.GWBRIDGE, false, Duration.ofSeconds(5));
        }
        assertEquals(List.of("rm docker_gwbridge"), host.calls);
    }

    @Test
    void aLiveContainersEndpointIsNeverTouchedAndTheErrorNamesIt() {
        FakeHost host = hostWithGwbridge(new Endpoint("c0ffee", "gateway_c0ffee"));
        host.containerIds.add("c0ffee");
        try (Connections connections = FakeHost.connect(dir, host)) {
            SwarmlabException e = assertThrows(SwarmlabException.class, () -> Leftovers.removeNetwork(connections.get("h2").orElseThrow(),
                    Leftovers.GWBRIDGE, false, Duration.ofMillis(500)));
            assertTrue(e.getMessage().startsWith("h2: cannot remove network docker_gwbridge: "), e.getMessage());
            assertTrue(e.getMessage().contains("has active endpoints; its endpoints: gateway_c0ffee (c0ffee)"), e.getMessage());
            assertTrue(e.remedy().contains("swarmlab destroy LAB --repair"), e.remedy());
        }
        assertEquals(List.of(), host.calls, "no disconnect, no removal");
    }

    @Test
    void whileTheHostIsInASwarmItsIngressSandboxIsNoLeftover() {
        FakeHost host = hostWithGwbridge(new Endpoint("ingress-sbox", "gateway_ingress-sbox"));
        try (Connections connections = FakeHost.connect(dir, host)) {
            Connection c = connections.get("h2").orElseThrow();
            assertEquals(List.of(), Leftovers.stale(c, Leftovers.GWBRIDGE, true));
            assertEquals(List.of("endpoint gateway_ingress-sbox on docker_gwbridge (of ingress-sbox, which is gone)"),
                    Leftovers.ofHost(c, false).stream().map(Leftovers.Leftover::toString).toList());
        }
    }

    @Test
    void aGossipPortStillHeldOutsideASwarmIsALeftoverThatNamesItsRemedy() {
        FakeHost host = new FakeHost("h3", "10.0.0.13");
        host.listening = "LISTEN 0      4096               *:7946             *:*\n";
        try (Connections connections = FakeHost.connect(dir, host)) {
            Connection c = connections.get("h3").orElseThrow();
            List<Leftovers.Leftover> left = Leftovers.ofHost(c, false);
            assertEquals(List.of("gossip"), left.stream().map(Leftovers.Leftover::kind).toList());
            assertEquals(List.of(), Leftovers.ofHost(c, true), "a swarm's node holds its gossip port by right");
            SwarmlabException e = assertThrows(SwarmlabException.class, () -> Leftovers.remove(c, left.get(0)));
            assertTrue(e.remedy().contains("restart dockerd on h3"), e.remedy());
            host.listening = "";
            assertEquals(List.of(), Leftovers.ofHost(c, false), "released, it is no leftover");
        }
    }

    private static FakeHost swarmNode() {
        FakeHost host = new FakeHost("h3", "10.0.0.13");
        host.engine = new EngineInfo("h3", "20.10.24", "active", "n3", false, "", "", "6.1", "Debian");
        return host;
    }

    @Test
    void aLeaveThatDockerTimedOutIsAskedAgainUntilTheHostIsInNoSwarm() {
        FakeHost host = swarmNode();
        host.leaveRefusals.add("context deadline exceeded");
        try (Connections connections = FakeHost.connect(dir, host)) {
            Leftovers.leaveSwarm(connections.get("h3").orElseThrow(), Duration.ofSeconds(10));
        }
        assertEquals(List.of("leave"), host.calls);
        assertEquals("inactive", host.engine.swarmState());
    }

    @Test
    void aLeaveRefusedForAnotherReasonIsNotAskedAgain() {
        FakeHost host = swarmNode();
        host.leaveRefusals.add("You are attempting to leave the swarm on a node that is participating as a manager");
        try (Connections connections = FakeHost.connect(dir, host)) {
            assertThrows(SwarmlabException.class, () -> Leftovers.leaveSwarm(connections.get("h3").orElseThrow(), Duration.ofSeconds(10)));
        }
        assertEquals(List.of(), host.calls);
    }

    @Test
    void repairLeavesTheSwarmAsDestroyDoesAskingAgainWhileDockerTimesOut() {
        FakeHost host = swarmNode();
        host.leaveRefusals.add("context deadline exceeded");
        host.leaveRefusals.add("context deadline exceeded");
        try (Connections connections = FakeHost.connect(dir, host)) {
            Leftovers.remove(connections.get("h3").orElseThrow(), new Leftovers.Leftover("swarm", "membership", "node n3 is still active"));
        }
        assertEquals("inactive", host.engine.swarmState());
    }
}
