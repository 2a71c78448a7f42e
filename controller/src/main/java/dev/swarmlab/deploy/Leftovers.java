package dev.swarmlab.deploy;

import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.Endpoint;
import dev.swarmlab.docker.LabelledObject;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.LabState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What swarmlab left on a host: the lab's containers, services and networks (by label), its swarm's
 * membership and the docker_gwbridge that swarm made (by the journal), endpoints whose container is
 * gone, iptables chains named SWARMLAB-*. Found by asking the host, so a crashed run's leftovers are
 * found too; nothing that swarmlab did not make is listed, except stale endpoints, which belong to no one.
 */
public final class Leftovers {
    public static final String GWBRIDGE = "docker_gwbridge";
    /** Every iptables chain swarmlab makes starts with this. */
    public static final String CHAIN_PREFIX = "SWARMLAB-";
    private static final Duration CALL = Duration.ofSeconds(20);

    private Leftovers() {
    }

    /**
     * One thing left: its kind (container, service, network, swarm, endpoint, chain, host change), its
     * name, the network it is on (endpoints only), and what Docker or the host says of it.
     */
    public record Leftover(String kind, String name, String network, String detail) {
        Leftover(String kind, String name, String detail) {
            this(kind, name, "", detail);
        }

        /** Whether Docker may still let it go by itself (an endpoint, a network, a leave): not a chain, nor a host's change. */
        public boolean mayGoByItself() {
            return !kind.equals("chain") && !kind.equals("host change");
        }

        @Override
        public String toString() {
            return kind + " " + name + (network.isEmpty() ? "" : " on " + network) + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /** Removes one leftover: what `destroy --repair` does for each thing it listed. */
    public static void remove(Connection c, Leftover left) {
        switch (left.kind()) {
            case "container" -> c.docker().removeContainer(left.name());
            case "service" -> c.docker().removeService(left.name());
            case "network" -> removeNetwork(c, left.name(), c.docker().info().inSwarm(), Duration.ofSeconds(30));
            case "swarm" -> leaveSwarm(c, Duration.ofMinutes(1));
            case "endpoint" -> c.docker().disconnect(left.name(), left.network());
            case "chain" -> c.ssh().exec("set -e; " + chainRemoval(left.name()), CALL).orThrow();
            case "gossip" -> throw new SwarmlabException(c.name() + ": dockerd still holds the swarm's gossip port " + GOSSIP_PORT
                    + " after leaving its swarm (Docker 20.10 leaks its network database when a leave's broadcast times out)",
                    "restart dockerd on " + c.name() + " (systemctl restart docker; an emulated host: end its dockerd, then"
                            + " `swarmlab hosts up` starts it again), then run this again");
            default -> throw new SwarmlabException("swarmlab cannot remove " + left + " on " + c.name() + " by itself",
                    "put it back by hand (see the lab's host-changes.json), then delete that file");
        }
    }

    /**
     * What the lab left on the host after a destroy: everything labelled with it, the membership in its
     * swarm ({@code member}: the host was a node of it when the destroy began), the docker_gwbridge a
     * swarmlab swarm made there, stale endpoints, SWARMLAB-* chains.
     */
    public static List<Leftover> ofLab(Lab lab, LabState state, Connection c, boolean member) {
        List<Leftover> left = new ArrayList<>();
        var engine = c.docker().info();
        for (LabelledObject container : c.docker().containers(Lab.LABEL, lab.name())) {
            left.add(new Leftover("container", container.name(), container.state()));
        }
        if (engine.swarmManager()) {
            c.docker().services(Lab.LABEL, lab.name()).forEach(s -> left.add(new Leftover("service", s.name(), "")));
        }
        List<NetworkState> networks = c.docker().networks();
        networks.stream().filter(n -> lab.name().equals(n.labels().get(Lab.LABEL)))
                .forEach(n -> left.add(new Leftover("network", n.name(), n.driver() + ", " + n.scope())));
        if (member && engine.inSwarm()) {
            left.add(new Leftover("swarm", "membership", "node " + engine.nodeId() + " is still " + engine.swarmState()));
        }
        if (state.formedSwarmOn(c.name()) && !engine.inSwarm() && networks.stream().anyMatch(n -> n.name().equals(GWBRIDGE))) {
            left.add(new Leftover("network", GWBRIDGE, "made by the lab's swarm, which the host has left; endpoints: "
                    + names(c.docker().endpoints(GWBRIDGE))));
        }
        if (state.changedHosts().contains(c.name())) {
            left.add(new Leftover("host change", c.name(), "a step's change (MTU, cut) recorded in " + state.dir().resolve("host-changes.json")
                    + " and not put back"));
        }
        left.addAll(ofHost(c, engine.inSwarm(), networks));
        return left;
    }

    /**
     * What any lab left on the host that would spoil the next one: endpoints whose container is gone
     * (on docker_gwbridge, where Docker's own ingress sandbox counts once the host is in no swarm, and
     * on the default bridge), and SWARMLAB-* iptables chains.
     */
    public static List<Leftover> ofHost(Connection c, boolean inSwarm) {
        return ofHost(c, inSwarm, c.docker().networks());
    }

    private static List<Leftover> ofHost(Connection c, boolean inSwarm, List<NetworkState> networks) {
        List<Leftover> left = new ArrayList<>();
        Set<String> names = new HashSet<>(networks.stream().map(NetworkState::name).toList());
        Set<String> containers = names.contains(GWBRIDGE) || names.contains("bridge") ? c.docker().containerIds() : Set.of();
        for (String network : List.of(GWBRIDGE, "bridge")) {
            if (names.contains(network)) {
                stale(c.docker().endpoints(network), containers, inSwarm).forEach(e -> left.add(new Leftover("endpoint", e.name(), network,
                        "of " + abbreviated(e.owner()) + ", which is gone")));
            }
        }
        chains(c).forEach(chain -> left.add(new Leftover("chain", chain, "iptables; swarmlab's steps name their chains so (cut)")));
        if (!inSwarm && gossipHeld(c)) {
            left.add(new Leftover("gossip", "port " + GOSSIP_PORT, "dockerd still listens on the swarm's gossip port although the host is in"
                    + " no swarm: Docker 20.10 keeps its network database running when a leave's broadcast times out, and the next swarm"
                    + " this host joins cannot start its own (no overlay peers, no embedded DNS for overlays)"));
        }
        return left;
    }

    /** The port of the swarm's network database (memberlist gossip, TCP and UDP). */
    static final int GOSSIP_PORT = 7946;

    /** Whether something on the host listens on the gossip port (dockerd, after a leave that did not stop its network database). */
    static boolean gossipHeld(Connection c) {
        return !c.ssh().exec("ss -Hltn 'sport = :" + GOSSIP_PORT + "' 2>/dev/null", CALL).orThrow().stdout().isBlank();
    }

    /**
     * After a leave, Docker stops the node's network database, which releases the gossip port in a moment. One that is
     * still held when the patience is over stays a leftover ({@link #ofHost}), with its remedy: restart that dockerd.
     */
    static void awaitGossipReleased(Connection c, Duration patience) {
        Deadline deadline = Deadline.in(patience, c.name() + " to release the gossip port " + GOSSIP_PORT);
        while (gossipHeld(c) && !deadline.expired()) {
            deadline.pause(Duration.ofMillis(500));
        }
    }

    /** Endpoints on the network whose owner is no container; Docker's ingress sandbox is one only while the host is in no swarm. */
    public static List<Endpoint> stale(Connection c, String network, boolean inSwarm) {
        return stale(c.docker().endpoints(network), c.docker().containerIds(), inSwarm);
    }

    private static List<Endpoint> stale(List<Endpoint> endpoints, Set<String> containers, boolean inSwarm) {
        return endpoints.stream().filter(e -> !containers.contains(e.owner()))
                .filter(e -> !inSwarm || !e.owner().equals("ingress-sbox") && !e.owner().startsWith("lb-")).toList();
    }

    /** The SWARMLAB-* chains of the host's filter table. */
    public static List<String> chains(Connection c) {
        String out = c.ssh().exec("iptables -w -S 2>/dev/null | sed -n 's/^-N \\(" + CHAIN_PREFIX + "[^ ]*\\)$/\\1/p'", CALL).orThrow().stdout();
        return out.lines().map(String::strip).filter(l -> l.startsWith(CHAIN_PREFIX)).toList();
    }

    /** A shell script that removes the chain and every jump to it, and fails if the chain is still there afterwards. */
    public static String chainRemoval(String chain) {
        return "for c in INPUT OUTPUT FORWARD; do while iptables -w -D $c -j " + chain + " 2>/dev/null; do :; done; done; iptables -w -F " + chain
                + " 2>/dev/null || true; iptables -w -X " + chain + " 2>/dev/null || true; if iptables -w -S " + chain + " >/dev/null 2>&1; then"
                + " echo 'the iptables chain " + chain + " is still there' >&2; exit 1; fi";
    }

    /**
     * Removes a network, waiting for Docker to release its endpoints (it lets go of some, such as the
     * ingress sandbox's on docker_gwbridge after a swarm leave, a while after it answered), and
     * force-disconnecting those whose container is gone. A live container's endpoint is never touched:
     * the network is then left, and the error says whose it is.
     */
    public static void removeNetwork(Connection c, String network, boolean inSwarm, Duration patience) {
        Deadline deadline = Deadline.in(patience, "network " + network + " on " + c.name() + " to lose its endpoints, so that it can go");
        long start = System.nanoTime();
        while (true) {
            try {
                c.docker().removeNetwork(network);
                return;
            } catch (SwarmlabException e) {
                if (gone(c, network)) {
                    return;
                }
                List<Endpoint> endpoints = c.docker().endpoints(network);
                // "in use by task": a leave answered before its node stopped, and the swarm still holds the network a moment.
                if (deadline.expired() || !e.getMessage().contains("active endpoints") && !e.getMessage().contains("is in use by task")) {
                    throw new SwarmlabException(c.name() + ": cannot remove network " + network + ": " + e.getMessage()
                            + (endpoints.isEmpty() ? "" : "; its endpoints: " + names(endpoints)),
                            "run `swarmlab destroy LAB --repair`, which lists what it removes first, or remove them on " + c.name()
                                    + " with `docker network disconnect -f " + network + " ENDPOINT`",
                            List.of(), e);
                }
                // Docker releases its own endpoints by itself a moment later: after a leave, Docker 20.10 gives the removal of its
                // ingress sandbox 5 s and goes on with it in the background. Forcing an endpoint off while Docker still removes it
                // races Docker's own cleanup, so only those still there after a third of the patience (10 s of 30) are stale.
                if (Duration.ofNanos(System.nanoTime() - start).compareTo(patience.dividedBy(3)) > 0) {
                    for (Endpoint stale : stale(c, network, inSwarm)) {
                        try {
                            c.docker().disconnect(stale.name(), network);
                        } catch (SwarmlabException ignored) {
                            // Docker may have released it meanwhile; the next removal says what is still there
                        }
                    }
                }
                deadline.pause(Duration.ofMillis(300));
            }
        }
    }

    /**
     * Leaves the swarm, forced. Docker gives the swarm node 15 s to stop on a leave and then answers "context deadline
     * exceeded", while the node may go on stopping (measured in FaultsIT on the host whose dockerd had been killed and
     * started again): asked again, until the host is in no swarm or the patience runs out.
     */
    public static void leaveSwarm(Connection c, Duration patience) {
        Deadline deadline = Deadline.in(patience, c.name() + " to leave the swarm");
        while (true) {
            try {
                c.docker().swarmLeave(true);
                return;
            } catch (SwarmlabException e) {
                if (!c.docker().info().inSwarm()) {
                    return; // it did leave
                }
                if (deadline.expired() || e.getMessage() == null || !e.getMessage().contains("deadline exceeded")) {
                    throw e;
                }
                deadline.pause(Duration.ofSeconds(1));
            }
        }
    }

    private static boolean gone(Connection c, String network) {
        return c.docker().networks().stream().noneMatch(n -> n.name().equals(network) || n.id().equals(network));
    }

    private static String names(List<Endpoint> endpoints) {
        return endpoints.isEmpty() ? "none" : String.join(", ", endpoints.stream().map(e -> e.name() + " (" + abbreviated(e.owner()) + ")").toList());
    }

    private static String abbreviated(String owner) {
        return owner.matches("[0-9a-f]{64}") ? owner.substring(0, 12) : owner;
    }
}
