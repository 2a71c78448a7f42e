package dev.swarmlab.run;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a cell came out as it did, per host, taken when a run starts: `docker network inspect` of
 * each of the lab's networks the host has, its bridges and their members (the veth ends), and
 * its NAT rules (masquerading, published ports) and its raw table's PREROUTING (28.0's drops for direct routing).
 */
public record HostEvidence(String host, HostNode node, Map<String, String> networks, String bridges, String natRules,
                           List<String> problems) {
    private static final Duration CALL = Duration.ofSeconds(20);
    static final String BRIDGES = "ip -d -o link show type bridge; echo; bridge link show";
    /** The NAT table, then the raw table's PREROUTING, where Docker 28.0 drops what is routed to a container from elsewhere. */
    static final String NAT = "iptables -t nat -S; iptables -t raw -S PREROUTING";

    public HostEvidence {
        networks = Collections.unmodifiableMap(new LinkedHashMap<>(networks)); // in the lab's order
        problems = List.copyOf(problems);
    }

    /** From every reached host at once; what a host cannot tell is noted as a problem, never a failed run. */
    public static List<HostEvidence> collect(Lab lab, Connections connections) {
        List<SwarmNode> nodes = swarmNodes(lab, connections);
        List<Parallel.Outcome<Connection, HostEvidence>> outcomes = Parallel.each(connections.reached(),
                Deadline.in(CALL.multipliedBy(2), "evidence from every host"), c -> of(lab, c, nodes));
        List<HostEvidence> hosts = new ArrayList<>(outcomes.stream().map(o -> o.ok() ? o.value() : new HostEvidence(o.key().name(),
                HostNode.UNKNOWN, Map.of(), "", "", List.of(o.error().getMessage()))).toList());
        connections.unreachable().forEach((host, why) -> hosts.add(new HostEvidence(host, HostNode.UNKNOWN, Map.of(), "", "",
                List.of("unreachable: " + why.getMessage()))));
        return hosts;
    }

    /** The swarm's nodes as the lab's first manager lists them (one call); none for a lab without a swarm. */
    private static List<SwarmNode> swarmNodes(Lab lab, Connections connections) {
        try {
            return lab.swarm().flatMap(s -> connections.get(s.managers().get(0))).map(c -> c.docker().nodes()).orElse(List.of());
        } catch (SwarmlabException e) {
            return List.of(); // each host's own `docker info` still says its role
        }
    }

    private static HostEvidence of(Lab lab, Connection c, List<SwarmNode> nodes) {
        List<String> problems = new ArrayList<>();
        HostNode node = HostNode.UNKNOWN;
        try {
            node = HostNode.of(c.host().address(), c.docker().info(), nodes);
        } catch (SwarmlabException e) {
            problems.add("docker info: " + e.getMessage());
        }
        Map<String, String> networks = new LinkedHashMap<>();
        for (Network network : lab.networks()) {
            try {
                networks.put(network.name(), c.docker().inspectNetwork(network.name()));
            } catch (SwarmlabException e) {
                // A worker shows an overlay only while one of its containers uses it: absence is evidence too.
                networks.put(network.name(), "");
            }
        }
        return new HostEvidence(c.name(), node, networks, shell(c, BRIDGES, problems), shell(c, NAT, problems), problems);
    }

    private static String shell(Connection c, String command, List<String> problems) {
        try {
            return c.ssh().exec(command, CALL).orThrow().stdout();
        } catch (SwarmlabException e) {
            problems.add("`" + command + "`: " + e.getMessage());
            return "";
        }
    }
}
