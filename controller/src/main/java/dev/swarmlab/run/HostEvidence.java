package dev.swarmlab.run;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.Connection;
import dev.swarmlab.deploy.Connections;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a cell came out as it did, per host, taken when a run starts: `docker network inspect` of
 * each of the lab's networks the host has, its bridges and their members (the veth ends), and
 * its NAT rules (masquerading, published ports).
 */
public record HostEvidence(String host, Map<String, String> networks, String bridges, String natRules, List<String> problems) {
    private static final Duration CALL = Duration.ofSeconds(20);
    static final String BRIDGES = "ip -d -o link show type bridge; echo; bridge link show";
    static final String NAT = "iptables -t nat -S";

    public HostEvidence {
        networks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(networks)); // in the lab's order
        problems = List.copyOf(problems);
    }

    /** From every reached host at once; what a host cannot tell is noted as a problem, never a failed run. */
    public static List<HostEvidence> collect(Lab lab, Connections connections) {
        List<Parallel.Outcome<Connection, HostEvidence>> outcomes = Parallel.each(connections.reached(),
                Deadline.in(CALL.multipliedBy(2), "evidence from every host"), c -> of(lab, c));
        return outcomes.stream().map(o -> o.ok() ? o.value()
                : new HostEvidence(o.key().name(), Map.of(), "", "", List.of(o.error().getMessage()))).toList();
    }

    private static HostEvidence of(Lab lab, Connection c) {
        List<String> problems = new ArrayList<>();
        Map<String, String> networks = new LinkedHashMap<>();
        for (Network network : lab.networks()) {
            try {
                networks.put(network.name(), c.docker().inspectNetwork(network.name()));
            } catch (SwarmlabException e) {
                // A worker shows an overlay only while one of its containers uses it: absence is evidence too.
                networks.put(network.name(), "");
            }
        }
        return new HostEvidence(c.name(), networks, shell(c, BRIDGES, problems), shell(c, NAT, problems), problems);
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
