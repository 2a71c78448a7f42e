package dev.swarmlab.deploy;

import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** `swarmlab inspect`: the lab's swarm nodes and, per host, its networks and how they drift from the lab file. */
public final class LabInspection {
    public record NetworkRow(String host, String network, String driver, String scope, List<String> subnets, String drift) {
    }

    /** The lab's swarm nodes, its networks per host, the hosts not reached, and the swarm's id ("" when there is none). */
    public record Report(List<SwarmNode> nodes, List<NetworkRow> networks, Map<String, String> unreachable, String cluster) {
    }

    private LabInspection() {
    }

    public static Report of(Lab lab, Connections connections, LabState state) {
        Observation observed = Observation.of(lab, connections, state);
        String first = lab.swarm().map(s -> s.managers().get(0)).orElse("");
        List<NetworkRow> rows = new ArrayList<>();
        for (HostView view : observed.views().values()) {
            for (Network network : lab.createdNetworks()) {
                if (network.swarmScope() && !view.host().equals(first)) {
                    continue; // swarm-wide networks are listed by the manager
                }
                Optional<NetworkState> actual = view.network(network.name());
                rows.add(new NetworkRow(view.host(), network.name(), network.driver().id(), network.swarmScope() ? "swarm" : "local",
                        actual.map(NetworkState::subnets).orElse(List.of()), drift(lab, network, actual)));
            }
            for (NetworkState actual : view.networks()) {
                boolean ours = lab.name().equals(actual.labels().get(Lab.LABEL));
                if (ours && lab.network(actual.name()).isEmpty()) {
                    rows.add(new NetworkRow(view.host(), actual.name(), actual.driver(), actual.scope(), actual.subnets(),
                            "extra: not in the lab file (deploy removes it)"));
                }
            }
        }
        Map<String, String> unreachable = new TreeMap<>();
        connections.unreachable().forEach((host, error) -> unreachable.put(host, error.getMessage()));
        return new Report(observed.ourNodes(), rows, unreachable, observed.ourCluster().orElse(""));
    }

    private static String drift(Lab lab, Network network, Optional<NetworkState> actual) {
        if (actual.isEmpty()) {
            return "missing";
        }
        if (!lab.name().equals(actual.get().labels().get(Lab.LABEL))) {
            return "conflict: a network of that name that is not the lab's";
        }
        if (!NetworkSpec.hash(network).equals(actual.get().labels().get(NetworkSpec.SPEC_LABEL))) {
            return "changed: the lab file differs (deploy recreates it)";
        }
        return "ok";
    }
}
