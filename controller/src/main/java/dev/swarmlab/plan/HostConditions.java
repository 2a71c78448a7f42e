package dev.swarmlab.plan;

import java.util.Map;
import java.util.Set;

/**
 * What the planner knows of the hosts beyond the lab file: the kernel features preflight found
 * missing ("ip_vs", "esp"), each host's underlay MTU as measured, and the hosts a lab step has cut
 * off from the others. They change what the driver rules expect.
 */
public record HostConditions(Map<String, Set<String>> missing, Map<String, Integer> underlayMtus, Set<String> cut) {
    public static final HostConditions NONE = new HostConditions(Map.of());
    /** The MTU an underlay is taken to have where none was measured (Ethernet's). */
    public static final int ETHERNET_MTU = 1500;

    public HostConditions(Map<String, Set<String>> missing) {
        this(missing, Map.of(), Set.of());
    }

    public boolean lacks(String host, String feature) {
        return missing.getOrDefault(host, Set.of()).contains(feature);
    }

    public int underlayMtu(String host) {
        return underlayMtus.getOrDefault(host, ETHERNET_MTU);
    }

    public boolean isCut(String host) {
        return cut.contains(host);
    }

    /** The same, with the underlay MTUs and cut hosts as they are now (after a lab's steps). */
    public HostConditions with(Map<String, Integer> mtus, Set<String> cutHosts) {
        return new HostConditions(missing, Map.copyOf(mtus), Set.copyOf(cutHosts));
    }
}
