package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.deploy.Finding;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.TestLabs;
import dev.swarmlab.plan.NetworkOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's networks as the hosts report them, against what the lab asks: differences are findings, the default bridge is the host's. */
class DeployedNetworksTest {
    @TempDir
    Path dir;

    private Lab lab() {
        return TestLabs.read(dir, """
                name: d
                hosts: local:2
                swarm: {managers: [h1]}
                networks:
                  - {name: ov, driver: overlay, attachable: true, encrypted: true, subnet: 10.90.0.0/24}
                  - name: br
                    driver: bridge
                    internal: true
                    subnet: 10.91.0.0/24
                    gateway: 10.91.0.1
                    options: {com.docker.network.bridge.enable_icc: "false"}
                  - {name: bridge}
                agents: {networks: [ov, br, bridge]}
                probes: [tcp]
                """);
    }

    private static final Map<String, String> OURS = Map.of(Lab.LABEL, "d");

    private static NetworkState overlay(boolean attachable) {
        return new NetworkState("1", "ov", "overlay", "swarm", List.of("10.90.0.0/24"), List.of("10.90.0.1"), attachable, false,
                Map.of("encrypted", "", "com.docker.network.driver.overlay.vxlanid_list", "4097"), OURS);
    }

    private static NetworkState bridge(boolean internal, Map<String, String> options, String subnet) {
        return new NetworkState("2", "br", "bridge", "local", List.of(subnet), List.of("10.91.0.1"), false, internal, options, OURS);
    }

    private static NetworkState defaultBridge(Map<String, String> options) {
        return new NetworkState("3", "bridge", "bridge", "local", List.of("172.17.0.0/16"), List.of("172.17.0.1"), false, false, options,
                Map.of());
    }

    private static Finding finding(DeployedNetworks.Audit audit, String check, String host) {
        return audit.findings().stream().filter(f -> f.check().equals(check) && f.host().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void networksAsTheLabAsksPassAndTheDefaultBridgeWithDockersDefaultsIsNoFinding() {
        Map<String, String> icc = Map.of(NetworkOptions.ICC, "false", "com.docker.network.bridge.name", "br-1");
        DeployedNetworks.Audit audit = DeployedNetworks.of(lab(), Map.of("h1", List.of(overlay(true), bridge(true, icc, "10.91.0.0/24"),
                defaultBridge(Map.of(NetworkOptions.ICC, "true", NetworkOptions.MASQUERADE, "true")))));
        assertEquals(List.of(Finding.Status.PASS, Finding.Status.PASS, Finding.Status.PASS), audit.findings().stream().map(Finding::status).toList(),
                audit.findings().toString());
        assertEquals(Map.of(), audit.defaultBridges());
        assertTrue(audit.findings().stream().allMatch(f -> f.kind() == Finding.Kind.AS_DEPLOYED), "findings of the lab as deployed, not preflight's");
    }

    @Test
    void whatAHostReportsOtherwiseIsAFindingThatNamesEachField() {
        DeployedNetworks.Audit audit = DeployedNetworks.of(lab(), Map.of("h2", List.of(overlay(false), bridge(false, Map.of(), "10.91.1.0/24"))));
        Finding ov = finding(audit, "deployed network ov", "h2");
        assertEquals(Finding.Status.WARN, ov.status());
        assertEquals("not as the lab asks: attachable true, Docker reports false", ov.evidence());
        Finding br = finding(audit, "deployed network br", "h2");
        assertEquals("not as the lab asks: internal true, Docker reports false; subnet 10.91.0.0/24, Docker reports [10.91.1.0/24];"
                + " option com.docker.network.bridge.enable_icc=false, Docker reports none", br.evidence());
        assertTrue(br.remedy().contains("docker network inspect br` on h2"), br.remedy());
    }

    @Test
    void aDefaultBridgeTheDaemonConfiguredIsSaidAndTakenAsTheHostHasIt() {
        DeployedNetworks.Audit audit = DeployedNetworks.of(lab(), Map.of("h1", List.of(defaultBridge(Map.of(NetworkOptions.ICC, "false",
                NetworkOptions.MASQUERADE, "true", "com.docker.network.bridge.default_bridge", "true")))));
        assertEquals(Map.of("h1", Map.of(NetworkOptions.ICC, "false")), audit.defaultBridges());
        Finding bridge = finding(audit, "default bridge", "h1");
        assertEquals(Finding.Status.WARN, bridge.status());
        assertTrue(bridge.evidence().contains("[com.docker.network.bridge.enable_icc=false] (Docker's defaults:"
                + " [com.docker.network.bridge.enable_icc=true])"), bridge.evidence());
    }

    @Test
    void aNetworkThatIsNotTheLabsOrNotOnTheHostIsNotJudgedHere() {
        NetworkState foreign = new NetworkState("4", "br", "bridge", "local", List.of(), List.of(), false, false, Map.of(), Map.of());
        assertEquals(List.of(), DeployedNetworks.of(lab(), Map.of("h1", List.of(foreign))).findings());
    }
}
