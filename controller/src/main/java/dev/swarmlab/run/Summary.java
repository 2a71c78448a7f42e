package dev.swarmlab.run;

import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Route;
import dev.swarmlab.plan.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A run in figures: per network, the cells that matched, surprised or failed; and the driver
 * comparison, one row per network (and engine, on hosts of several), one column per kind of path, each saying what was seen.
 */
public record Summary(List<NetworkCounts> networks, List<Comparison> comparison) {
    /** One network's cells, counted by state; as JSON the network's name and the counts' fields. */
    public record NetworkCounts(String network, CellCounts counts) {
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("network", network);
            json.putAll(counts.json());
            return json;
        }
    }

    /** The comparison columns, in order, with what selects their cells. */
    public enum Column {
        SAME_HOST_ADDRESS("same host, by address", c -> c.route() == Route.ADDRESS && c.sameHost()),
        SAME_HOST_NAME("same host, by name", c -> c.route() == Route.NAME && c.sameHost()),
        CROSS_HOST_ADDRESS("cross-host, by address", c -> c.route() == Route.ADDRESS && !c.sameHost()),
        CROSS_HOST_NAME("cross-host, by name", c -> c.route() == Route.NAME && !c.sameHost()),
        OTHER_NETWORK("other network", c -> c.route() == Route.ISOLATION),
        TO_HOST("to host", c -> c.route() == Route.HOST),
        PUBLISHED("published port", c -> c.route() == Route.PUBLISHED),
        OUTSIDE("to outside", c -> c.route() == Route.OUTSIDE),
        LINK("by link alias", c -> c.route() == Route.LINK, true),
        HOST_NAME("host.docker.internal", c -> c.route() == Route.HOST_NAME, true),
        SELF("localhost", c -> c.route() == Route.SELF, true),
        UNPUBLISHED("unpublished port", c -> c.route() == Route.UNPUBLISHED, true),
        ROUTED("routed, published", c -> c.route() == Route.DIRECT, true),
        ROUTED_UNPUBLISHED("routed, unpublished", c -> c.route() == Route.DIRECT_UNPUBLISHED, true),
        SERVICE("service name", c -> c.route() == Route.SERVICE, true),
        TASKS("tasks.NAME", c -> c.route() == Route.TASKS, true);

        private final String label;
        private final Predicate<Cell> selects;
        private final boolean optional;

        Column(String label, Predicate<Cell> selects) {
            this(label, selects, false);
        }

        Column(String label, Predicate<Cell> selects, boolean optional) {
            this.label = label;
            this.selects = selects;
            this.optional = optional;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One network's row: per column "yes", "no", "mixed" or "-" (no cells), a "!" where any cell surprised; its median latency,
     * and its median throughput where the lab measured one. On hosts of several engines a network has a row per engine
     * (the engine axis): each cell counts for the engine of the host its path ends on, whose rules take it (the source's
     * where it ends on no one host: a service's name, the outside).
     */
    public record Comparison(String network, Optional<String> engine, Map<Column, String> seen, Optional<Double> medianLatencyMs,
                             Optional<Double> medianMbitPerSecond) {
    }

    /** On hosts of one engine (or of engines the run did not learn). */
    public static Summary of(List<StoredCell> cells) {
        return of(cells, Map.of());
    }

    /** @param engines each host's engine as it reported it ("28.5.2+dfsg4"); two or more engines split the rows by engine */
    public static Summary of(List<StoredCell> cells, Map<String, String> engines) {
        boolean axis = engines.values().stream().map(Summary::release).distinct().count() > 1;
        Map<String, List<StoredCell>> byNetwork = new LinkedHashMap<>();
        Map<List<String>, List<StoredCell>> byRow = new LinkedHashMap<>();
        for (StoredCell c : cells) {
            byNetwork.computeIfAbsent(c.cell().network(), n -> new ArrayList<>()).add(c);
        }
        byNetwork.forEach((network, mine) -> mine.stream().sorted(Comparator.comparing((StoredCell c) -> engineOf(c, engines, axis)))
                .forEach(c -> byRow.computeIfAbsent(List.of(network, engineOf(c, engines, axis)), k -> new ArrayList<>()).add(c)));
        List<NetworkCounts> counts = new ArrayList<>();
        byNetwork.forEach((network, mine) -> counts.add(new NetworkCounts(network, CellCounts.of(mine.stream().map(StoredCell::verdict).toList()))));
        List<Comparison> comparison = new ArrayList<>();
        byRow.forEach((key, mine) -> {
            Map<Column, String> seen = new LinkedHashMap<>();
            for (Column column : Column.values()) {
                seen.put(column, seen(mine.stream().filter(c -> column.selects.test(c.cell())).toList()));
            }
            comparison.add(new Comparison(key.get(0), Optional.of(key.get(1)).filter(e -> !e.isEmpty()), seen, median(mine), throughput(mine)));
        });
        return new Summary(counts, comparison);
    }

    /** The engine a cell counts for on the engine axis: its target host's, else its source host's; "" off the axis. */
    private static String engineOf(StoredCell cell, Map<String, String> engines, boolean axis) {
        if (!axis) {
            return "";
        }
        String engine = engines.getOrDefault(cell.cell().targetHost(), engines.getOrDefault(cell.cell().sourceHost(), ""));
        return release(engine);
    }

    /** "28.5.2" of "28.5.2+dfsg4": the release, without the distribution's suffix. */
    private static String release(String version) {
        int plus = version.indexOf('+');
        return plus < 0 ? version : version.substring(0, plus);
    }

    /** The columns to show: every column the comparison always has, and the optional ones (services) where the lab has such cells. */
    public List<Column> columns() {
        return Arrays.stream(Column.values()).filter(c -> !c.optional || comparison.stream().anyMatch(row -> !row.seen().get(c)
                .equals("-"))).toList();
    }

    /** Every cell of the run, counted by state. */
    public CellCounts counts() {
        Map<Verdict, Integer> all = new EnumMap<>(Verdict.class);
        networks.forEach(n -> n.counts().byVerdict().forEach((v, count) -> all.merge(v, count, Integer::sum)));
        return new CellCounts(all);
    }

    /** The median of the network's answered throughput probes, in Mbit/s. */
    private static Optional<Double> throughput(List<StoredCell> cells) {
        return middle(cells.stream().filter(c -> c.cell().probe() == ProbeKind.THROUGHPUT).flatMap(c -> c.result().stream())
                .filter(r -> r.outcome().equals("ok") && r.timings().path("mbitPerSecond").isNumber())
                .map(r -> r.timings().path("mbitPerSecond").asDouble()).toList());
    }

    private static Optional<Double> middle(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Optional.empty() : Optional.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    private static String seen(List<StoredCell> cells) {
        List<CellResult> measured = cells.stream().flatMap(c -> c.result().stream()).filter(r -> r.verdict() != Verdict.ERROR).toList();
        if (measured.isEmpty()) {
            return cells.isEmpty() ? "-" : "error";
        }
        long ok = measured.stream().filter(r -> r.outcome().equals("ok")).count();
        String word = ok == measured.size() ? "yes" : ok == 0 ? "no" : "mixed";
        return word + (measured.stream().anyMatch(r -> r.verdict().effect() == Verdict.Effect.FAIL) ? " !" : "");
    }

    /** The median round trip of the network's answered by-address probes (icmp where there is one). */
    private static Optional<Double> median(List<StoredCell> cells) {
        List<StoredCell> byAddress = cells.stream().filter(c -> c.cell().route() == Route.ADDRESS).toList();
        for (ProbeKind probe : List.of(ProbeKind.ICMP, ProbeKind.TCP)) {
            Optional<Double> median = middle(byAddress.stream().filter(c -> c.cell().probe() == probe).flatMap(c -> c.result().stream())
                    .filter(r -> r.outcome().equals("ok")).flatMap(r -> r.latencyMs().stream()).toList());
            if (median.isPresent()) {
                return median;
            }
        }
        return Optional.empty();
    }
}
