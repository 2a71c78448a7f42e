package dev.swarmlab;

import dev.swarmlab.emulated.HostSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Keeps the daemons' logs of a test's emulated hosts when one of its tests fails, before the
 * hosts (and their folders) go: target/host-logs/CLASS.METHOD/HOST-dockerd.log and -sshd.log.
 * A swarm that hangs after a fault is read from Docker's own words, not guessed at.
 */
public final class HostLogs implements TestWatcher {
    private final HostSet set;

    public HostLogs(String prefix, Path home) {
        this.set = new HostSet(home, prefix);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path into = Path.of("target", "host-logs", context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
        if (!Files.isDirectory(set.hostsDir())) {
            return;
        }
        try (Stream<Path> hosts = Files.list(set.hostsDir())) {
            Files.createDirectories(into);
            for (Path host : hosts.toList()) {
                var paths = set.paths(host.getFileName().toString());
                for (Path log : new Path[] {paths.dockerdLog(), paths.sshdLog()}) {
                    if (Files.isRegularFile(log)) {
                        Files.copy(log, into.resolve(host.getFileName() + "-" + log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("keep the host logs of " + set.dir() + " in " + into, e);
        }
    }
}
