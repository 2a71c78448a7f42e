package dev.swarmlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.docker.Endpoint;
import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.LabelledObject;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.SshSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Preflight's judgement on hosts that are fakes of the project's SSH and Docker interfaces, one rule per row. */
class PreflightTest {
    @TempDir
    static Path dir;

    static Arguments row(String name, Consumer<List<FakeHost>> setup, String check, String host, Finding.Status status, String evidence) {
        return Arguments.of(name, setup, check, host, status, evidence);
    }

    static List<Arguments> rules() {
        return List.of(
                row("healthy hosts pass", hosts -> { }, "swarm ports", "h2", Finding.Status.PASS, "reaches h1:7946/tcp refused"),
                row("no ip_vs is a warning", hosts -> { }, "kernel: ip_vs", "h1", Finding.Status.WARN, "service VIPs"),
                row("major versions differ", hosts -> hosts.get(2).engine = engine(hosts.get(2).name, "24.0.7"),
                        "engine version", "all", Finding.Status.WARN, "different major versions"),
                row("two hosts named alike", hosts -> hosts.get(1).engine = engine("h1", "20.10.24"),
                        "unique hostnames", "h1,h2", Finding.Status.FAIL, "hostname 'h1'"),
                row("a clock two minutes ahead", hosts -> hosts.get(1).clockOffsetMillis = 120_000,
                        "clock skew", "h2", Finding.Status.FAIL, "differs from this machine's by at least"),
                row("a clock five seconds ahead", hosts -> hosts.get(1).clockOffsetMillis = 5_000,
                        "clock skew", "h2", Finding.Status.WARN, "differs"),
                row("the inventory address is not the host's", hosts -> hosts.get(0).addresses = "2: eth0    inet 192.0.2.9/24 scope global eth0\n",
                        "advertise address", "h1", Finding.Status.FAIL, "10.0.0.11 is not an address of the host"),
                row("no vxlan with an overlay", hosts -> {
                    hosts.get(0).kernel = "CONFIG_SWARMLAB_READ=y\n";
                    hosts.get(0).modules = "bridge\n";
                },
                        "kernel: vxlan", "h1", Finding.Status.FAIL, "no VXLAN"),
                row("a small underlay mtu", hosts -> hosts.get(2).links = "2: eth0@if9: <UP> mtu 1400 qdisc noqueue\n",
                        "underlay mtu", "h3", Finding.Status.WARN, "packets larger than 1350 bytes"),
                row("a route over the planned subnet", hosts -> hosts.get(1).routes = "[{\"dst\":\"10.91.0.0/16\",\"dev\":\"vpn0\"}]",
                        "subnet 10.91.0.0/24", "h2", Finding.Status.FAIL, "route 10.91.0.0/16"),
                row("a docker network over the planned subnet", hosts -> hosts.get(0).networks = List.of(new NetworkState("x", "old",
                                "bridge", "local", List.of("10.90.0.0/16"), List.of(), false, false, Map.of(), Map.of())),
                        "subnet 10.90.0.0/24", "h1", Finding.Status.FAIL, "Docker network old"),
                row("another lab's host-mode agent holds the host's ports", hosts -> hosts.get(1).labelled.add(new LabelledObject(
                                "c1", "drivers-host-h2-a", "running", Map.of(Lab.LABEL, "drivers", Fleet.ROLE_LABEL, "agent",
                                Fleet.NETWORK_LABEL, "host"))),
                        "host ports", "h2", Finding.Status.FAIL, "held by host-mode drivers-host-h2-a (lab drivers)"),
                row("an endpoint on docker_gwbridge whose container is gone", hosts -> {
                    hosts.get(1).networks = List.of(new NetworkState("g", "docker_gwbridge", "bridge", "local", List.of("172.18.0.0/16"), List.of(),
                            false, false, Map.of(), Map.of()));
                    hosts.get(1).endpoints.put("docker_gwbridge", List.of(new Endpoint("ingress-sbox", "gateway_ingress-sbox"),
                            new Endpoint("c0ffee", "gateway_c0ffee")));
                    hosts.get(1).containerIds.add("c0ffee");
                }, "leftovers", "h2", Finding.Status.FAIL, "endpoint gateway_ingress-sbox on docker_gwbridge (of ingress-sbox, which is gone)"),
                row("a live container's endpoint is no leftover", hosts -> {
                    hosts.get(1).networks = List.of(new NetworkState("g", "docker_gwbridge", "bridge", "local", List.of("172.18.0.0/16"), List.of(),
                            false, false, Map.of(), Map.of()));
                    hosts.get(1).endpoints.put("docker_gwbridge", List.of(new Endpoint("c0ffee", "gateway_c0ffee")));
                    hosts.get(1).containerIds.add("c0ffee");
                }, "leftovers", "h2", Finding.Status.PASS, "no stale endpoint"),
                row("a cut chain no run put back", hosts -> hosts.get(2).chains = "SWARMLAB-CUT\n",
                        "leftovers", "h3", Finding.Status.FAIL, "chain SWARMLAB-CUT"),
                row("a gossip port a leave did not release", hosts -> hosts.get(2).listening = "LISTEN 0 4096 *:7946 *:*\n",
                        "leftovers", "h3", Finding.Status.FAIL, "gossip port 7946 (dockerd still listens"),
                row("a firewall dropping swarm ports", hosts -> hosts.get(2).reach = SshSession.TcpReach.TIMEOUT,
                        "swarm ports", "h3", Finding.Status.FAIL, "cannot reach h1:7946/tcp timeout"));
    }

    private static EngineInfo engine(String hostname, String version) {
        return new EngineInfo(hostname, version, "inactive", "", false, "", "", "6.1", "Debian");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleGivesItsFinding(String name, Consumer<List<FakeHost>> setup, String check, String host, Finding.Status status,
                                 String evidence) throws IOException {
        Path file = dir.resolve("pf.yaml");
        Files.writeString(file, """
                name: pf
                hosts: local:3
                swarm: {managers: [h1]}
                networks:
                  - {name: ov, driver: overlay, attachable: true, subnet: 10.90.0.0/24}
                  - {name: br, driver: bridge, subnet: 10.91.0.0/24}
                  - {name: host}
                agents: {networks: [host]}
                """);
        Lab lab = LabFile.read(file);
        List<FakeHost> hosts = List.of(new FakeHost("h1", "10.0.0.11"), new FakeHost("h2", "10.0.0.12"), new FakeHost("h3", "10.0.0.13"));
        setup.accept(hosts);
        Inventory inventory = new Inventory(file, hosts.stream().map(FakeHost::inventoryHost).toList());
        Map<String, FakeHost> byName = hosts.stream().collect(Collectors.toMap(h -> h.name, h -> h));
        try (Connections connections = Connections.open(inventory, h -> byName.get(h.name()).connection(), Progress.SILENT,
                Duration.ofSeconds(10))) {
            LabState state = new LabState(dir.resolve("state-" + name.hashCode()));
            Observation observed = Observation.of(lab, connections, state);
            DeployPlanner.Plan plan = DeployPlanner.plan(lab, Map.of("h1", "10.0.0.11", "h2", "10.0.0.12", "h3", "10.0.0.13"),
                    observed.views(), observed.ourCluster(), observed.ourNodes());
            List<Finding> findings = new Preflight(lab, connections, observed.views(), plan).run();
            List<Finding> matching = findings.stream().filter(f -> f.check().equals(check) && f.host().equals(host)).toList();
            assertTrue(matching.stream().anyMatch(f -> f.status() == status && f.evidence().contains(evidence)),
                    "expected " + status + " '" + evidence + "' for " + check + " on " + host + "; got " + matching);
            if (name.equals("healthy hosts pass")) {
                assertEquals(List.of(), findings.stream().filter(f -> f.status() == Finding.Status.FAIL).toList());
            }
        }
    }
}
