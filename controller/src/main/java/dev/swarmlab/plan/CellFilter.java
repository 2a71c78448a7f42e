package dev.swarmlab.plan;

import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.ProbeKind;
import java.util.Collection;
import java.util.Set;

/** Limits a run to some networks, probe kinds and hosts; an empty set means all. */
public record CellFilter(Set<String> networks, Set<String> probes, Set<String> hosts) {
    public static final CellFilter ALL = new CellFilter(Set.of(), Set.of(), Set.of());

    /** Each filter must name something the lab has (hosts among the lab's host names); otherwise the first one that does not, and what the lab has. */
    public void check(Lab lab, Collection<String> hostNames) {
        for (String host : hosts) {
            if (!hostNames.contains(host)) {
                throw new IllegalArgumentException("host " + host + ": lab " + lab.name() + " runs on " + String.join(", ", hostNames));
            }
        }
        for (String network : networks) {
            if (!lab.agents().networks().contains(network)) {
                throw new IllegalArgumentException("network " + network + ": lab " + lab.name() + " has agents on "
                        + String.join(", ", lab.agents().networks()));
            }
        }
        for (String probe : probes) {
            if (ProbeKind.parse(probe).filter(lab.probes()::contains).isEmpty()) {
                throw new IllegalArgumentException("probe " + probe + ": lab " + lab.name() + " runs "
                        + String.join(", ", lab.probes().stream().map(ProbeKind::wire).toList()));
            }
        }
    }

    boolean keeps(Cell cell) {
        return (networks.isEmpty() || networks.contains(cell.network())) && (probes.isEmpty() || probes.contains(cell.probe().wire()))
                && (hosts.isEmpty() || hosts.contains(cell.sourceHost()) || hosts.contains(cell.targetHost()));
    }
}
