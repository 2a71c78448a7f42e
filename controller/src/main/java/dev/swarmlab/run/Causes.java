package dev.swarmlab.run;

import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the cells that did not match have in common, said before they are listed: a host, a
 * network, a host on a network, a probe or a route that all of them (or most) involve, and for
 * errors the diagnosis they share. "all 162 unexpected cells involve h2 on svc-overlay" points at h2
 * where a list of 162 cells would point at the overlay driver.
 */
public final class Causes {
    private Causes() {
    }

    /** One shared cause: the kind of cells (failed: unexpected, misrouted or flaky; or error), how many, and the sentence. */
    public record Cause(String cells, int count, String text) {
    }

    private record Candidate(String words, Predicate<Cell> selects, int specificity) {
    }

    public static List<Cause> of(List<StoredCell> cells) {
        List<Cause> causes = new ArrayList<>();
        List<StoredCell> failed = cells.stream().filter(c -> c.verdict().effect() == Verdict.Effect.FAIL).toList();
        List<StoredCell> errors = cells.stream().filter(c -> c.verdict() == Verdict.ERROR).toList();
        shared("not-as-promised", kinds(failed) + " cell", failed, cells).ifPresent(causes::add);
        shared("error", "error cell", errors, cells).ifPresent(causes::add);
        return causes;
    }

    /** "unexpected", or "unexpected or flaky" where the failed cells are of several states. */
    private static String kinds(List<StoredCell> failed) {
        return String.join(" or ", failed.stream().map(c -> c.verdict().label()).distinct().toList());
    }

    private static Optional<Cause> shared(String kind, String noun, List<StoredCell> group, List<StoredCell> all) {
        if (group.size() < 2) {
            return Optional.empty();
        }
        String reason = sharedReason(group);
        int n = group.size();
        Candidate best = null;
        int bestCovered = 0;
        long bestPopulation = 0;
        for (Candidate candidate : candidates(group)) {
            int covered = (int) group.stream().filter(c -> candidate.selects().test(c.cell())).count();
            long population = all.stream().filter(c -> candidate.selects().test(c.cell())).count();
            // A cause sets its cells apart: all of the group but not the whole run, or most of the group and little else.
            boolean telling = covered == n ? population < all.size() : 2 * covered > n && covered >= 3 && 5 * covered >= 4 * population;
            if (telling && (covered > bestCovered || covered == bestCovered && candidate.specificity() > best.specificity())) {
                best = candidate;
                bestCovered = covered;
                bestPopulation = population;
            }
        }
        String plural = noun + (n == 1 ? "" : "s");
        if (best != null) {
            String text = (bestCovered == n ? "all " + n + " " + plural : bestCovered + " of the " + n + " " + plural) + " involve " + best.words()
                    + " (" + bestCovered + " of the " + bestPopulation + " cells that do)" + (reason.isEmpty() ? "" : "; they share one reason: " + reason);
            return Optional.of(new Cause(kind, n, text + "."));
        }
        return reason.isEmpty() ? Optional.empty() : Optional.of(new Cause(kind, n, "all " + n + " " + plural
                + " share one reason: " + reason + "."));
    }

    /** The reason every cell of the group gives, if they all give the same one. */
    private static String sharedReason(List<StoredCell> group) {
        List<String> reasons = group.stream().map(c -> c.result().map(r -> r.reason()).orElse("")).distinct().toList();
        return reasons.size() == 1 ? reasons.get(0) : "";
    }

    /** Hosts, networks, each host on each network, probes and routes the group's cells involve; a higher specificity says more. */
    private static List<Candidate> candidates(List<StoredCell> group) {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        for (StoredCell stored : group) {
            Cell c = stored.cell();
            for (String host : List.of(c.sourceHost(), c.targetHost())) {
                candidates.putIfAbsent("h " + host + " " + c.network(), new Candidate(host + " on " + c.network(),
                        x -> x.network().equals(c.network()) && (x.sourceHost().equals(host) || x.targetHost().equals(host)), 3));
                candidates.putIfAbsent("h " + host, new Candidate(host, x -> x.sourceHost().equals(host) || x.targetHost().equals(host), 2));
            }
            candidates.putIfAbsent("n " + c.network(), new Candidate("network " + c.network(), x -> x.network().equals(c.network()), 1));
            candidates.putIfAbsent("p " + c.probe(), new Candidate("the " + c.probe() + " probe", x -> x.probe() == c.probe(), 0));
            candidates.putIfAbsent("r " + c.route(), new Candidate("the route " + c.route().label(), x -> x.route() == c.route(), 0));
        }
        return List.copyOf(candidates.values());
    }
}
