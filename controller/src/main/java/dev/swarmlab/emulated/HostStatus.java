package dev.swarmlab.emulated;

import dev.swarmlab.docker.EngineInfo;
import java.util.List;
import java.util.Optional;

/**
 * One emulated host as `hosts ls` shows it: its root (a Debian suite's tree, or "" for this
 * machine's own), its engine's version and API, the firewall its dockerd programs, and, when it is not
 * running, what is missing.
 */
public record HostStatus(String name, String address, HostState state, String suite, String dockerVersion, String apiVersion,
                         String firewall, String hostname, List<String> problems) {
    public HostStatus {
        problems = List.copyOf(problems);
    }

    /** machineIptables: this machine's `iptables --version`, the host's when it runs on this machine's own root. */
    static HostStatus running(String name, String address, EngineInfo engine, Optional<SuiteTree> tree, String machineIptables) {
        return new HostStatus(name, address, HostState.RUNNING, tree.map(SuiteTree::suite).orElse(""), engine.version(),
                engine.apiVersion(), firewall(engine, tree.isPresent() ? "" : machineIptables), engine.hostname(), List.of());
    }

    /** A suite host without its engine yet (sshd only): running, for provisioning to put the engine on. */
    static HostStatus bare(String name, String address, SuiteTree tree) {
        return new HostStatus(name, address, HostState.RUNNING, tree.suite(), "", "", "", "", List.of());
    }

    /**
     * "nftables", or "iptables (nf_tables)": the backend dockerd names (iptables when it names none, as
     * before Docker 28.2), with the flavour of iptables the host's tree has where that is known.
     */
    static String firewall(EngineInfo engine, String iptablesVersion) {
        String backend = engine.firewallBackend().isBlank() ? "iptables" : engine.firewallBackend();
        int open = iptablesVersion.lastIndexOf('(');
        String flavour = open >= 0 && iptablesVersion.endsWith(")") ? iptablesVersion.substring(open) : "";
        return backend.startsWith("iptables") && !flavour.isEmpty() ? backend + " " + flavour : backend;
    }

    public boolean running() {
        return state == HostState.RUNNING;
    }
}
