package dev.swarmlab.emulated;

import dev.swarmlab.docker.EngineInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks at one emulated host from this machine and says what state it is in and what is missing. */
final class HostInspector {
    private static final Duration CALL = Duration.ofSeconds(2);
    private final HostSet set;
    private final Underlay underlay;

    private final String machineIptables;

    /** machineIptables: what this machine's own `iptables --version` says, for hosts on its root. */
    HostInspector(HostSet set, Underlay underlay, String machineIptables) {
        this.set = set;
        this.underlay = underlay;
        this.machineIptables = machineIptables;
    }

    /** The suite tree a host's root is made of, as its folder records it; empty for this machine's own root. */
    static Optional<SuiteTree> tree(HostPaths paths) {
        try {
            return Files.exists(paths.treeFile()) ? SuiteTree.read(Path.of(Files.readString(paths.treeFile()).strip())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    HostStatus inspect(String host) {
        HostPaths paths = set.paths(host);
        String address = underlay.address(EmulatedHosts.index(host));
        boolean recorded = Files.isDirectory(paths.dir());
        boolean namespace = Files.exists(Path.of("/run/netns", set.netns(host)));
        if (!recorded) {
            return new HostStatus(host, address, HostState.ORPHAN, "", "", "", "", "", List.of("namespace " + set.netns(host) + " without a host record"));
        }
        List<String> problems = new ArrayList<>();
        if (!namespace) {
            problems.add("namespace " + set.netns(host) + " is missing");
        }
        boolean dockerd = HostProbe.process(paths.dockerdPidFile(), "dockerd").isPresent();
        boolean sshd = HostProbe.process(paths.sshdPidFile(), "sshd").isPresent();
        Optional<SuiteTree> tree = tree(paths);
        if (Files.exists(paths.treeFile()) && tree.isEmpty()) {
            problems.add("the suite tree named in " + paths.treeFile() + " is gone");
        }
        EngineInfo engine = null;
        boolean bare = tree.isPresent() && !Files.exists(paths.engineEnabled());
        if (!dockerd && bare) {
            // a bare host has no engine until `swarmlab provision` enables one: nothing is missing
        } else if (!dockerd) {
            problems.add("dockerd is not running");
        } else {
            try {
                engine = HostProbe.docker(paths, CALL);
            } catch (RuntimeException e) {
                problems.add("dockerd does not answer: " + e.getMessage());
            }
        }
        if (!sshd) {
            problems.add("sshd is not running");
        } else if (namespace) {
            try {
                HostProbe.sshBanner(address, 22, CALL);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        HostState state = problems.isEmpty() ? HostState.RUNNING
                : !namespace && !dockerd && !sshd ? HostState.STOPPED : HostState.DEGRADED;
        String suite = tree.map(SuiteTree::suite).orElse("");
        if (engine == null) {
            return new HostStatus(host, address, state, suite, "", "", "", "", problems);
        }
        return new HostStatus(host, address, state, suite, engine.version(), engine.apiVersion(),
                HostStatus.firewall(engine, tree.isPresent() ? "" : machineIptables), engine.hostname(), problems);
    }
}
