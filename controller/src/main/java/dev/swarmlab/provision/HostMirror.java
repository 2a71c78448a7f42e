package dev.swarmlab.provision;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The host's own apt, from its own sources: for a host that reaches its mirror. */
final class HostMirror implements PackageSource {
    private static final Duration UPDATE = Duration.ofMinutes(3);
    private static final Duration INSTALL = Duration.ofMinutes(15);
    private final Remote remote;

    private HostMirror(Remote remote) {
        this.remote = remote;
    }

    /** The host's mirror, if `apt-get update` reaches it; empty (with the reason said) when it does not. */
    static Optional<PackageSource> reached(Remote remote) {
        var result = remote.run("apt-get -q update -o Acquire::Retries=0 -o Acquire::http::Timeout=10 -o Acquire::https::Timeout=10 2>&1", UPDATE);
        List<String> failures = result.stdout().lines()
                .filter(line -> line.startsWith("Err:") || line.startsWith("W: Failed to fetch") || line.startsWith("E: ")).toList();
        if (result.ok() && failures.isEmpty()) {
            return Optional.of(new HostMirror(remote));
        }
        remote.step("its mirror does not answer (" + (failures.isEmpty() ? "apt-get update: exit " + result.exitCode() : failures.get(0).strip())
                + "): the controller fetches its packages and copies them over SSH");
        return Optional.empty();
    }

    @Override
    public String how() {
        return "from its own mirror";
    }

    @Override
    public List<String> versions(String pkg) {
        return PackageSource.madison(remote.run("apt-cache madison " + pkg, Remote.SHORT).stdout());
    }

    @Override
    public void install(List<String> packages) {
        remote.must("installing " + String.join(" ", packages), APT_INSTALL + " " + String.join(" ", packages), INSTALL,
                "read the output above (a held package, a full disk, a broken dpkg: `dpkg --configure -a`), then run provision again");
    }
}
