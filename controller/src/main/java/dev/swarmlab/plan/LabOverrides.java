package dev.swarmlab.plan;

import dev.swarmlab.lab.Expectation;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Workload;
import java.util.HashSet;
import java.util.Set;

/**
 * The lab's own expectations, where one matches a cell. `from` and `to` name a workload or `agent`
 * (any agent), optionally `@HOST`; `network` and `probe` narrow further; an absent selector matches all.
 */
final class LabOverrides {
    private LabOverrides() {
    }

    static Cell apply(Lab lab, Cell cell) {
        Set<String> workloads = new HashSet<>(lab.workloads().stream().map(Workload::name).toList());
        for (Expectation e : lab.expectations()) {
            boolean matches = e.from().map(f -> selects(f, cell.source(), cell.sourceHost(), workloads)).orElse(true)
                    && e.to().map(t -> cell.route() != Route.HOST && selects(t, cell.target(), cell.targetHost(), workloads)).orElse(true)
                    && e.network().map(n -> n.equals(cell.network())).orElse(true)
                    && e.probe().map(p -> p == cell.probe()).orElse(true);
            if (matches) {
                return cell.withExpected(new Expected(e.expect(), Reason.said(e.reason()), Expected.Source.LAB));
            }
        }
        return cell;
    }

    private static boolean selects(String selector, String container, String host, Set<String> workloads) {
        String[] parts = selector.split("@", 2);
        boolean who = parts[0].equals("agent") ? !workloads.contains(container) : parts[0].equals(container);
        return who && (parts.length == 1 || parts[1].equals(host));
    }
}
