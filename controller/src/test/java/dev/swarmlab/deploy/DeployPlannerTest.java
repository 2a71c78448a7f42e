package dev.swarmlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.Each;
import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployPlannerTest {
    @TempDir
    Path dir;

    private static final Map<String, String> HOSTS = new LinkedHashMap<>();

    static {
        HOSTS.put("h1", "10.0.0.11");
        HOSTS.put("h2", "10.0.0.12");
        HOSTS.put("h3", "10.0.0.13");
    }

    private Lab lab(String managers, String bridgeSubnet, boolean withOverlay) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "name: p\nhosts: local:3\nswarm: {managers: [" + managers + "]}\nnetworks:\n"
                + (withOverlay ? "  - {name: ov, driver: overlay, attachable: true, subnet: 10.90.0.0/24}\n" : "")
                + "  - {name: br, driver: bridge, subnet: " + bridgeSubnet + "}\n  - {name: bridge}\n");
        return LabFile.read(file);
    }

    private static EngineInfo idle(String host) {
        return new EngineInfo(host, "20.10.24", "inactive", "", false, "", "", "6.1", "Debian");
    }

    private static EngineInfo member(String host, boolean manager, String cluster) {
        return new EngineInfo(host, "20.10.24", "active", "node-" + host, manager, manager ? cluster : "", "", "6.1", "Debian");
    }

    private static NetworkState network(Lab lab, String name, String driver, String scope, String spec) {
        return new NetworkState("id-" + name, name, driver, scope, List.of(), List.of(), false, false, Map.of(),
                spec == null ? Map.of() : Map.of(Lab.LABEL, lab.name(), NetworkSpec.SPEC_LABEL, spec));
    }

    private static List<String> described(DeployPlanner.Plan plan) {
        return plan.actions().stream().map(a -> a.host() + ": " + a.describe()).toList();
    }

    @Test
    void freshHostsGetASwarmThenTheirNetworks() throws IOException {
        Lab lab = lab("h1", "10.91.0.0/24", true);
        Map<String, HostView> views = new LinkedHashMap<>();
        HOSTS.keySet().forEach(h -> views.put(h, new HostView(h, idle(h), List.of())));
        DeployPlanner.Plan plan = DeployPlanner.plan(lab, HOSTS, views, Optional.empty(), List.of());
        assertEquals(List.of(
                "h1: init the swarm (advertise and data path 10.0.0.11)",
                "h2: join the swarm as worker through h1 (advertise and data path 10.0.0.12)",
                "h3: join the swarm as worker through h1 (advertise and data path 10.0.0.13)",
                "h1: create overlay network ov 10.90.0.0/24 (swarm-wide)",
                "h1: create bridge network br 10.91.0.0/24",
                "h2: create bridge network br 10.91.0.0/24",
                "h3: create bridge network br 10.91.0.0/24"), described(plan));
        assertEquals(List.of(), plan.conflicts());
    }

    @Test
    void aSecondManagerJoinsAsManager() throws IOException {
        Lab lab = lab("h1, h3", "10.91.0.0/24", false);
        Map<String, HostView> views = new LinkedHashMap<>();
        HOSTS.keySet().forEach(h -> views.put(h, new HostView(h, idle(h), List.of())));
        List<String> plan = described(DeployPlanner.plan(lab, HOSTS, views, Optional.empty(), List.of()));
        assertTrue(plan.contains("h3: join the swarm as manager through h1 (advertise and data path 10.0.0.13)"), plan.toString());
        assertTrue(plan.contains("h2: join the swarm as worker through h1 (advertise and data path 10.0.0.12)"), plan.toString());
    }

    private Map<String, HostView> deployed(Lab lab, String bridgeSpec, List<NetworkState> extra) {
        Map<String, HostView> views = new LinkedHashMap<>();
        for (String h : HOSTS.keySet()) {
            List<NetworkState> networks = new ArrayList<>(List.of(network(lab, "br", "bridge", "local", bridgeSpec)));
            if (h.equals("h1")) {
                networks.add(network(lab, "ov", "overlay", "swarm", NetworkSpec.hash(lab.network("ov").orElseThrow())));
                networks.addAll(extra);
            }
            views.put(h, new HostView(h, member(h, h.equals("h1"), "cluster-1"), networks));
        }
        return views;
    }

    private static List<SwarmNode> nodes() {
        return HOSTS.keySet().stream().map(h -> new SwarmNode("node-" + h, h, "worker", "ready", "active", false, "")).toList();
    }

    @Test
    void aDeployedLabPlansNothing() throws IOException {
        Lab lab = lab("h1", "10.91.0.0/24", true);
        var views = deployed(lab, NetworkSpec.hash(lab.network("br").orElseThrow()), List.of());
        DeployPlanner.Plan plan = DeployPlanner.plan(lab, HOSTS, views, Optional.of("cluster-1"), nodes());
        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(), plan.conflicts());
    }

    @Test
    void aChangedNetworkIsRecreatedAndARemovedOneRemoved() throws IOException {
        Lab before = lab("h1", "10.91.0.0/24", true);
        Lab after = lab("h1", "10.99.0.0/24", true);
        var views = deployed(after, NetworkSpec.hash(before.network("br").orElseThrow()),
                List.of(network(after, "gone", "bridge", "local", "abc")));
        List<String> plan = described(DeployPlanner.plan(after, HOSTS, views, Optional.of("cluster-1"), nodes()));
        assertEquals(List.of(
                "h1: remove network br (its definition changed)", "h1: create bridge network br 10.99.0.0/24",
                "h2: remove network br (its definition changed)", "h2: create bridge network br 10.99.0.0/24",
                "h3: remove network br (its definition changed)", "h3: create bridge network br 10.99.0.0/24",
                "h1: remove network gone (no longer in the lab file)"), plan);
    }

    @Test
    void aHostInAnotherSwarmAndAForeignNetworkAreConflicts() throws IOException {
        Lab lab = lab("h1", "10.91.0.0/24", false);
        Map<String, HostView> views = new LinkedHashMap<>();
        views.put("h1", new HostView("h1", idle("h1"), List.of()));
        views.put("h2", new HostView("h2", member("h2", false, ""), List.of()));
        views.put("h3", new HostView("h3", idle("h3"), List.of(network(lab, "br", "bridge", "local", null))));
        DeployPlanner.Plan plan = DeployPlanner.plan(lab, HOSTS, views, Optional.empty(), List.of());
        assertEquals(List.of("h2 swarm membership", "h3 network names"),
                plan.conflicts().stream().map(c -> c.host() + " " + c.check()).toList());
        assertTrue(plan.conflicts().get(0).problem().startsWith("already in another swarm"), plan.conflicts().get(0).problem());
    }

    @Test
    void aFirstManagerInAForeignSwarmStopsTheSwarmPlan() throws IOException {
        Lab lab = lab("h1", "10.91.0.0/24", false);
        Map<String, HostView> views = new LinkedHashMap<>();
        HOSTS.keySet().forEach(h -> views.put(h, new HostView(h, h.equals("h1") ? member(h, true, "foreign") : idle(h), List.of())));
        DeployPlanner.Plan plan = DeployPlanner.plan(lab, HOSTS, views, Optional.of("ours"), List.of());
        assertEquals("h1", plan.conflicts().get(0).host());
        assertTrue(Each.none(plan.actions().stream(), a -> a instanceof Action.JoinSwarm || a instanceof Action.InitSwarm));
    }
}
