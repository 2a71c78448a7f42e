package dev.swarmlab.run;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.net.Subnet;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Docker picks for a bridge network created without `--subnet`: a free range of its default
 * address pools (172.17.0.0/16 to 172.31.0.0/16, then 192.168.0.0/16 in /20s), one that overlaps
 * none of the host's other networks. Checked once deployed, per host, as a row of round 0. (A
 * daemon given other `default-address-pools` fails this row: its choice is not the default's.)
 */
final class DefaultPools {
    private static final Subnet SIXTEENS = Subnet.parse("172.16.0.0/12");
    private static final Subnet NOT_A_POOL = Subnet.parse("172.16.0.0/16"); // the /12's first /16: the pools start at 172.17
    private static final Subnet TWENTIES = Subnet.parse("192.168.0.0/16");

    private DefaultPools() {
    }

    static List<StepRound> check(Lab lab, Connections connections) {
        List<StepRound> checks = new ArrayList<>();
        for (Network network : lab.createdNetworks()) {
            if (network.driver() != Network.Driver.BRIDGE || network.subnet().isPresent()) {
                continue;
            }
            for (Connection host : connections.reached()) {
                String title = "docker network create " + network.name() + " (no --subnet) on " + host.name()
                        + " takes a free range of Docker's default pools";
                try {
                    checks.add(row(title, host, network.name()));
                } catch (SwarmlabException e) {
                    checks.add(StepRound.of(0, title, "subnet", false, "error", e.getMessage()));
                }
            }
        }
        return checks;
    }

    private static StepRound row(String title, Connection host, String name) {
        List<NetworkState> networks = host.docker().networks();
        Optional<Subnet> subnet = networks.stream().filter(n -> n.name().equals(name)).flatMap(n -> n.subnets().stream())
                .filter(t -> !t.contains(":")).findFirst().map(Subnet::parse);
        if (subnet.isEmpty()) {
            return StepRound.of(0, title, "subnet", false, "error", host.name() + ": network " + name + " has no IPv4 subnet");
        }
        Subnet s = subnet.get();
        List<String> others = new ArrayList<>();
        List<String> overlapping = new ArrayList<>();
        for (NetworkState other : networks) {
            for (String text : other.name().equals(name) ? List.<String>of() : other.subnets()) {
                if (text.contains(":")) {
                    continue; // IPv6
                }
                others.add(other.name() + " " + text);
                if (Subnet.parse(text).overlaps(s)) {
                    overlapping.add(other.name() + " " + text);
                }
            }
        }
        boolean pooled = SIXTEENS.contains(s.network()) && !NOT_A_POOL.contains(s.network()) && s.prefixLength() == 16
                || TWENTIES.contains(s.network()) && s.prefixLength() == 20;
        String outcome = !pooled ? "outside the pools" : !overlapping.isEmpty() ? "overlapping" : "done";
        return StepRound.of(0, title, "subnet", false, outcome, host.name() + ": " + name + " got " + s
                + (overlapping.isEmpty() ? "" : ", overlapping " + String.join(", ", overlapping)) + "; the host's other networks: "
                + String.join(", ", others));
    }
}
