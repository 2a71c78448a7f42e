package dev.swarmlab.plan;

import dev.swarmlab.lab.Network;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the planner knows of the hosts beyond the lab file: the kernel features preflight found
 * missing ("ip_vs", "esp"), each host's underlay MTU as measured, the hosts a lab step has cut
 * off from the others, and the options each host's default bridge has where its daemon's
 * configuration (--icc, --ip-masq, --ip) changes Docker's defaults. They change what the driver
 * rules expect, and so does each host's engine (where Docker changed a path between versions).
 */
public record HostConditions(Map<String, Set<String>> missing, Map<String, Integer> underlayMtus, Set<String> cut,
                             Map<String, Map<String, String>> defaultBridges, Map<String, Engine> engines) {
    public static final HostConditions NONE = new HostConditions(Map.of());
    /** The MTU an underlay is taken to have where none was measured (Ethernet's). */
    public static final int ETHERNET_MTU = 1500;

    public HostConditions {
        missing = Map.copyOf(missing);
        underlayMtus = Map.copyOf(underlayMtus);
        cut = Set.copyOf(cut);
        defaultBridges = Map.copyOf(defaultBridges);
        engines = Map.copyOf(engines);
    }

    public HostConditions(Map<String, Set<String>> missing) {
        this(missing, Map.of(), Set.of(), Map.of(), Map.of());
    }

    /** The host's engine as it reported it, or the baseline where the plan knows no engine of it (no hosts asked). */
    public Engine engine(String host) {
        return engines.getOrDefault(host, Engine.BASELINE);
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

    /**
     * The network as it is on the host: the default bridge with the options the host's daemon gave
     * it (the lab file cannot set them), any other network as the lab asks for it (where a host's
     * differs, that is a finding, not the truth), as the host's engine takes it (one before 27.0 ignores a gateway mode).
     */
    public Network asOn(String host, Network network) {
        Map<String, String> options = defaultBridges.get(host);
        Network taken = NetworkOptions.asOn(network, engine(host));
        if (!network.defaultBridge() || options == null) {
            return taken;
        }
        Map<String, String> merged = new HashMap<>(taken.options());
        merged.putAll(options);
        return taken.withOptions(merged);
    }

    /** The same, with the underlay MTUs and cut hosts as they are now (after a lab's steps). */
    public HostConditions with(Map<String, Integer> mtus, Set<String> cutHosts) {
        return new HostConditions(missing, mtus, cutHosts, defaultBridges, engines);
    }

    /** The same, with the default bridges' options as the hosts report them (only those that differ from Docker's defaults). */
    public HostConditions withDefaultBridges(Map<String, Map<String, String>> options) {
        return new HostConditions(missing, underlayMtus, cut, options, engines);
    }

    /** The same, with the hosts' engines as they report them. */
    public HostConditions withEngines(Map<String, Engine> reported) {
        return new HostConditions(missing, underlayMtus, cut, defaultBridges, reported);
    }
}
