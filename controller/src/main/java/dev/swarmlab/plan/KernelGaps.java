package dev.swarmlab.plan;

import dev.swarmlab.deploy.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Kernel features preflight found missing, per host ("ip_vs", "esp"): they change what the driver rules expect. */
public record KernelGaps(Map<String, Set<String>> missing) {
    public static final KernelGaps NONE = new KernelGaps(Map.of());

    public static KernelGaps from(List<Finding> findings) {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (Finding finding : findings) {
            if (finding.check().startsWith("kernel: ") && finding.status() != Finding.Status.PASS) {
                missing.computeIfAbsent(finding.host(), h -> new TreeSet<>()).add(finding.check().substring("kernel: ".length()));
            }
        }
        return new KernelGaps(missing);
    }

    public boolean lacks(String host, String feature) {
        return missing.getOrDefault(host, Set.of()).contains(feature);
    }
}
