package dev.swarmlab.emulated;

import dev.swarmlab.docker.EngineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Looks at one emulated host from this machine and says what state it is in and what is missing. */
final class HostInspector {
    private static final Duration CALL = Duration.ofSeconds(2);
    private final HostSet set;
    private final Underlay underlay;

    HostInspector(HostSet set, Underlay underlay) {
        this.set = set;
        this.underlay = underlay;
    }

    HostStatus inspect(String host) {
        HostPaths paths = set.paths(host);
        String address = underlay.address(EmulatedHosts.index(host));
        boolean recorded = Files.isDirectory(paths.dir());
        boolean namespace = Files.exists(Path.of("/run/netns", set.netns(host)));
        if (!recorded) {
            return new HostStatus(host, address, HostState.ORPHAN, "", "", List.of("namespace " + set.netns(host) + " without a host record"));
        }
        List<String> problems = new ArrayList<>();
        if (!namespace) {
            problems.add("namespace " + set.netns(host) + " is missing");
        }
        boolean dockerd = HostProbe.process(paths.dockerdPidFile(), "dockerd").isPresent();
        boolean sshd = HostProbe.process(paths.sshdPidFile(), "sshd").isPresent();
        String version = "";
        String hostname = "";
        if (!dockerd) {
            problems.add("dockerd is not running");
        } else {
            try {
                EngineInfo info = HostProbe.docker(paths, CALL);
                version = info.version();
                hostname = info.hostname();
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
        return new HostStatus(host, address, state, version, hostname, problems);
    }
}
