package dev.swarmlab.run;

import dev.swarmlab.plan.Verdict;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many cells ended in each state of {@link Verdict}'s table; every listing of a run counts with it. */
public record CellCounts(Map<Verdict, Integer> byVerdict) {
    public CellCounts {
        EnumMap<Verdict, Integer> all = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            all.put(v, byVerdict.getOrDefault(v, 0));
        }
        byVerdict = Collections.unmodifiableMap(all);
    }

    public static CellCounts of(Collection<Verdict> verdicts) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        verdicts.forEach(v -> counts.merge(v, 1, Integer::sum));
        return new CellCounts(counts);
    }

    public int cells() {
        return byVerdict.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int of(Verdict verdict) {
        return byVerdict.get(verdict);
    }

    /** The exit status these cells give a run (see {@link Verdict#exitStatus}). */
    public int exitStatus() {
        return Verdict.exitStatus(byVerdict.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
    }

    /** As JSON fields: cells, then one per state, named by its key in camel case (matched, notJudged, notMeasured, ...). */
    public Map<String, Integer> json() {
        Map<String, Integer> json = new LinkedHashMap<>();
        json.put("cells", cells());
        byVerdict.forEach((v, n) -> json.put(field(v), n));
        return json;
    }

    static String field(Verdict v) {
        String[] words = v.key().split("-");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
