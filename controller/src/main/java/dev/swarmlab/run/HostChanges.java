package dev.swarmlab.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.HostFacts;
import dev.swarmlab.deploy.Leftovers;
import dev.swarmlab.emulated.EmulatedHosts;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a lab's steps do to its hosts beyond Docker: lower a host's underlay MTU (`mtu`), cut a host
 * off from the lab's other hosts (`cut`, iptables DROP in a chain of its own, SSH excepted), and put
 * it back (`restore`); and the routes a lab's routedFrom gives hosts to another host's container. Each
 * change is written down in the lab's state folder before it is made, so `restore`, the end of the run
 * or, after a crash, the next run puts the host back as it was.
 */
final class HostChanges {
    static final String CHAIN = Leftovers.CHAIN_PREFIX + "CUT";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL = Duration.ofSeconds(20);
    /** How long a host restored from a cut may take to be a peer on the lab's overlays again (gossip reconnects). */
    private static final Duration REJOIN = Duration.ofSeconds(120);
    private final Path file;
    private final Map<String, Change> changes;

    /**
     * A host's underlay as it was before the first change (its device and MTU), whether a step set its MTU, whether it is cut off
     * now, and the routes to other hosts' containers it was given ("ADDRESS/32 via HOST-ADDRESS", a lab's routedFrom).
     */
    record Change(String device, int mtu, boolean mtuSet, boolean cut, List<String> routes) {
        Change {
            routes = routes == null ? List.of() : List.copyOf(routes); // a file written before routes were recorded has none
        }

        Change withMtuSet() {
            return new Change(device, mtu, true, cut, routes);
        }

        Change withCut() {
            return new Change(device, mtu, mtuSet, true, routes);
        }

        Change withRoute(String route) {
            List<String> more = new ArrayList<>(routes);
            if (!more.contains(route)) {
                more.add(route);
            }
            return new Change(device, mtu, mtuSet, cut, more);
        }
    }

    private HostChanges(Path file, Map<String, Change> changes) {
        this.file = file;
        this.changes = changes;
    }

    static HostChanges of(LabState state) {
        Path file = state.dir().resolve("host-changes.json");
        if (!Files.exists(file)) {
            return new HostChanges(file, new TreeMap<>());
        }
        try {
            return new HostChanges(file, new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Change>>() {
            })));
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + file + ": " + e.getMessage(),
                    "put the hosts' underlay MTUs back and remove the " + CHAIN + " chain by hand, then delete the file");
        }
    }

    /** The hosts a step has cut off and not yet restored. */
    Set<String> cut() {
        return changes.entrySet().stream().filter(e -> e.getValue().cut()).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Every reached host's underlay MTU, as the host says now; a host that cannot say is left out (taken as Ethernet's). */
    static Map<String, Integer> underlayMtus(Connections connections) {
        Map<String, Integer> mtus = new TreeMap<>();
        for (Connection host : connections.reached()) {
            try {
                HostFacts.underlay(host.ssh(), host.host().address(), CALL).ifPresent(u -> mtus.put(host.name(), u.mtu()));
            } catch (SwarmlabException e) {
                // what it is used for (expectations) must not end a run: the cells will show it
            }
        }
        return mtus;
    }

    /** Whether every change is undone (nothing is left written down). */
    boolean none() {
        return changes.isEmpty();
    }

    /**
     * Sets the MTU of the interface that carries the host's address (and, for an emulated host, of
     * this machine's route to it); returns what changed.
     */
    String mtu(Connection host, int mtu, Connections connections) {
        HostFacts.Underlay underlay = remember(host, Change::withMtuSet);
        exec(host, "ip link set dev " + underlay.device() + " mtu " + mtu);
        boolean emulated = EmulatedHosts.limitPath(connections.source(), host.host().address(), OptionalInt.of(mtu));
        return host.name() + ": " + underlay.device() + " mtu " + underlay.mtu() + " -> " + mtu
                + (emulated ? " (and this machine's route to it, so SSH keeps to that size)" : "");
    }

    /** Drops everything between the host and the lab's other hosts (both ways), but SSH; returns what it did. */
    String cut(Connection host, List<Connection> others) {
        remember(host, Change::withCut);
        int ssh = host.host().port();
        // set -e: any rule that fails fails the step (what was made is recorded as cut, so restore removes it)
        StringBuilder script = new StringBuilder("set -e; ").append(uncutScript()).append("; iptables -w -N " + CHAIN)
                .append("; for c in INPUT OUTPUT FORWARD; do iptables -w -I $c -j " + CHAIN + "; done")
                .append("; iptables -w -A " + CHAIN + " -p tcp --dport " + ssh + " -j RETURN; iptables -w -A " + CHAIN + " -p tcp --sport " + ssh
                        + " -j RETURN");
        for (Connection other : others) {
            String a = other.host().address();
            script.append("; iptables -w -A " + CHAIN + " -s " + a + " -j DROP; iptables -w -A " + CHAIN + " -d " + a + " -j DROP");
        }
        exec(host, script.toString());
        return host.name() + " cut off from " + String.join(", ", others.stream().map(o -> o.name() + " (" + o.host().address() + ")").toList())
                + ": iptables chain " + CHAIN + " drops their traffic both ways, SSH on port " + ssh + " excepted";
    }

    /**
     * Gives the host a route to another host's container (its address, through that host's address): what a lab's routedFrom asks,
     * written down first so the run's end (or, after a crash, the next run) removes it. Returns what it did.
     */
    String route(Connection host, String address, String via, String container) {
        String route = address + "/32 via " + via;
        remember(host, c -> c.withRoute(route));
        exec(host, "ip route replace " + route);
        return host.name() + ": route to " + container + " (" + address + ") through " + via;
    }

    /**
     * Puts the host back as it was: its underlay MTU, no cut, none of the routes it was given. After a cut, with {@code await}, it
     * waits until the host is a peer again, on every host, of each of the lab's overlays: until then
     * overlay traffic to it has nowhere to go. A host that does not become one in time is said so;
     * it is restored all the same.
     */
    String restore(Connection host, Lab lab, Connections connections, boolean await) {
        Change change = changes.get(host.name());
        if (change == null) {
            return host.name() + ": nothing to restore (no step changed it)";
        }
        List<String> done = new ArrayList<>();
        if (change.cut()) {
            exec(host, uncutScript());
            done.add("no longer cut off");
        }
        // A step's restore (await) puts back what steps did; the routes are the lab's, for the whole run: the run's end removes them.
        for (String route : await ? List.<String>of() : change.routes()) {
            // gone already (the host restarted) is as good as removed; still there after `del` fails the restore
            exec(host, "ip route del " + route + " 2>/dev/null; ! ip route show " + route.substring(0, route.indexOf(' ')) + " | grep -q .");
            done.add("no route " + route);
        }
        if (change.mtuSet()) {
            exec(host, "ip link set dev " + change.device() + " mtu " + change.mtu());
            EmulatedHosts.limitPath(connections.source(), host.host().address(), OptionalInt.empty());
            done.add(change.device() + " mtu " + change.mtu() + " again");
        }
        if (await && !change.routes().isEmpty()) {
            changes.put(host.name(), new Change(change.device(), change.mtu(), false, false, change.routes()));
        } else {
            changes.remove(host.name());
        }
        save();
        long start = System.nanoTime();
        try {
            if (await && change.cut() && awaitPeers(host, lab, connections)) {
                done.add("a peer on the lab's overlays again after " + Durations.since(start));
            }
        } catch (SwarmlabException e) {
            done.add("but not yet a peer of the lab's overlays again: " + e.getMessage());
        }
        return host.name() + ": " + String.join(", ", done);
    }

    /**
     * Every host a step changed and no step restored: put back now (the run's end, or a run after a
     * crash). A host that cannot be put back is said so and stays written down for the next try.
     */
    List<String> restoreAll(Lab lab, Connections connections) {
        List<String> restored = new ArrayList<>();
        for (String name : List.copyOf(changes.keySet())) {
            Optional<Connection> host = connections.get(name);
            if (host.isEmpty()) {
                restored.add(name + ": not reachable, still to restore (" + file + ")");
                continue;
            }
            try {
                restored.add(restore(host.get(), lab, connections, false)); // nothing is probed after this: no wait for the overlays
            } catch (SwarmlabException e) {
                restored.add(name + ": could not be restored, still to restore (" + file + "): " + e.getMessage());
            }
        }
        return restored;
    }

    /** Whether there was anything to wait for (a lab with overlays). */
    private boolean awaitPeers(Connection restored, Lab lab, Connections connections) {
        List<String> overlays = lab.createdNetworks().stream().filter(Network::swarmScope).map(Network::name).toList();
        if (overlays.isEmpty() || lab.swarm().isEmpty()) {
            return false;
        }
        Deadline.in(REJOIN, restored.name() + " to be a peer of " + String.join(", ", overlays) + " on every host again")
                .await(() -> peered(restored, overlays, connections) ? true : null, Duration.ofMillis(500));
        return true;
    }

    /** Each host that has one of the overlays lists every other host that has it among its peers. */
    private static boolean peered(Connection restored, List<String> overlays, Connections connections) {
        for (String overlay : overlays) {
            Map<Connection, List<String>> peers = new LinkedHashMap<>();
            for (Connection host : connections.reached()) {
                try {
                    peers.put(host, host.docker().networkPeers(overlay));
                } catch (SwarmlabException e) {
                    // this host has no container on the overlay: it is no peer
                }
            }
            boolean restoredIn = peers.containsKey(restored);
            for (Map.Entry<Connection, List<String>> entry : peers.entrySet()) {
                boolean seesRestored = entry.getValue().contains(restored.host().address());
                if (restoredIn && entry.getKey() != restored && !seesRestored
                        || entry.getKey() == restored && entry.getValue().size() < peers.size()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Removes the chain and every jump to it; fails if the chain is still there afterwards. */
    private static String uncutScript() {
        return Leftovers.chainRemoval(CHAIN);
    }

    private static void exec(Connection host, String script) {
        host.ssh().exec(script, CALL).orThrow();
    }

    /** Writes down the change before it is made, with the host's underlay as it was before the first; returns the underlay as it is. */
    private HostFacts.Underlay remember(Connection host, UnaryOperator<Change> change) {
        HostFacts.Underlay underlay = HostFacts.underlay(host.ssh(), host.host().address(), CALL).orElseThrow(() -> new SwarmlabException(
                "host " + host.name() + " has no interface with its address " + host.host().address()));
        changes.put(host.name(), change.apply(changes.getOrDefault(host.name(), new Change(underlay.device(), underlay.mtu(), false, false, List.of()))));
        save();
        return underlay;
    }

    private void save() {
        try {
            if (changes.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                JSON.writeValue(file.toFile(), changes);
            }
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
