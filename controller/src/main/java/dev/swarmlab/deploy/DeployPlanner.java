package dev.swarmlab.deploy;

import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a lab with what its hosts look like now and lists the changes that close the gap,
 * in order: the swarm first, then networks. A pure function of what it is given, so a second
 * deploy of an unchanged lab plans nothing, and a changed lab file plans only the differences.
 */
public final class DeployPlanner {
    private DeployPlanner() {
    }

    /** The plan, and what stops it (a host in someone else's swarm, a network of the same name that is not the lab's). */
    public record Plan(List<Action> actions, List<Conflict> conflicts) {
        public Plan {
            actions = List.copyOf(actions);
            conflicts = List.copyOf(conflicts);
        }
    }

    public record Conflict(String host, String check, String problem, String remedy) {
    }

    /**
     * @param hosts      the lab's hosts in inventory order, with their addresses
     * @param views      what each host looks like (every host must be present)
     * @param ourCluster the swarm this lab created earlier, if any
     * @param ourNodes   that swarm's nodes, as its manager lists them (empty if unknown)
     */
    public static Plan plan(Lab lab, Map<String, String> hosts, Map<String, HostView> views, Optional<String> ourCluster,
                            List<SwarmNode> ourNodes) {
        List<Action> actions = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        lab.swarm().ifPresent(swarm -> planSwarm(lab, swarm.managers(), hosts, views, ourCluster, ourNodes, actions, conflicts));
        String first = lab.swarm().map(s -> s.managers().get(0)).orElse(null);
        for (Network network : lab.createdNetworks()) {
            List<String> where = network.swarmScope() ? List.of(first) : List.copyOf(hosts.keySet());
            for (String host : where) {
                planNetwork(lab, network, views.get(host), actions, conflicts);
            }
        }
        for (HostView view : views.values()) {
            for (NetworkState existing : view.networks()) {
                boolean ours = lab.name().equals(existing.labels().get(Lab.LABEL));
                boolean wanted = lab.createdNetworks().stream().anyMatch(n -> n.name().equals(existing.name()));
                boolean managerView = view.host().equals(first) || !"swarm".equals(existing.scope());
                if (ours && !wanted && managerView) {
                    actions.add(new Action.RemoveNetwork(view.host(), existing.name(), "no longer in the lab file"));
                }
            }
        }
        return new Plan(actions, conflicts);
    }

    private static void planSwarm(Lab lab, List<String> managers, Map<String, String> hosts, Map<String, HostView> views,
                                  Optional<String> ourCluster, List<SwarmNode> ourNodes, List<Action> actions, List<Conflict> conflicts) {
        String first = managers.get(0);
        HostView leader = views.get(first);
        boolean leaderOurs = leader.engine().inSwarm() && leader.engine().swarmManager()
                && ourCluster.map(id -> id.equals(leader.engine().clusterId())).orElse(false);
        if (!leader.engine().inSwarm()) {
            actions.add(new Action.InitSwarm(first, hosts.get(first)));
        } else if (!leaderOurs) {
            conflicts.add(anotherSwarm(first, leader));
            return;
        }
        for (String host : hosts.keySet()) {
            if (host.equals(first)) {
                continue;
            }
            HostView view = views.get(host);
            boolean member = leaderOurs && ourNodes.stream().anyMatch(n -> n.id().equals(view.engine().nodeId()));
            if (!view.engine().inSwarm()) {
                actions.add(new Action.JoinSwarm(host, hosts.get(host), managers.contains(host), first));
            } else if (!member) {
                conflicts.add(anotherSwarm(host, view));
            }
        }
    }

    private static Conflict anotherSwarm(String host, HostView view) {
        String where = "pending".equals(view.engine().swarmState()) ? "joining a swarm that does not take it (\"pending\")"
                : "already in another swarm";
        return new Conflict(host, "swarm membership", where + " (node " + view.engine().nodeId()
                + (view.engine().clusterId().isEmpty() ? "" : ", cluster " + view.engine().clusterId()) + ")",
                "make it leave first (docker swarm leave --force on " + host + "), or destroy the lab that put it there");
    }

    private static void planNetwork(Lab lab, Network network, HostView view, List<Action> actions, List<Conflict> conflicts) {
        String spec = NetworkSpec.hash(network);
        Optional<NetworkState> existing = view.network(network.name());
        if (existing.isEmpty()) {
            actions.add(new Action.CreateNetwork(view.host(), network, spec));
        } else if (!lab.name().equals(existing.get().labels().get(Lab.LABEL))) {
            conflicts.add(new Conflict(view.host(), "network names", "a network named " + network.name()
                    + " already exists and is not this lab's (driver " + existing.get().driver() + ")",
                    "remove it (docker network rm " + network.name() + ") or rename the lab's network"));
        } else if (!spec.equals(existing.get().labels().get(NetworkSpec.SPEC_LABEL))) {
            actions.add(new Action.RemoveNetwork(view.host(), network.name(), "its definition changed"));
            actions.add(new Action.CreateNetwork(view.host(), network, spec));
        }
    }
}
