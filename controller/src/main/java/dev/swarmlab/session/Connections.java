package dev.swarmlab.session;

import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.docker.DockerEngines;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.ssh.Ssh;
import dev.swarmlab.ssh.SshSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's hosts, each reached once (one SSH session, one Docker tunnel) in parallel. A host
 * that cannot be reached is kept with its error, so every verb can report it and go on with the others.
 */
public final class Connections implements AutoCloseable {
    public static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
    private final Map<String, Connection> reached = new LinkedHashMap<>();
    private final Map<String, SwarmlabException> unreachable = new LinkedHashMap<>();
    private final List<InventoryHost> hosts;
    private final Path source;

    private Connections(List<InventoryHost> hosts, Path source) {
        this.hosts = hosts;
        this.source = source;
    }

    /** The inventory file the hosts came from (the lab file itself for an inline list). */
    public Path source() {
        return source;
    }

    /** Something that opens a host's connection; tests give their own. */
    @FunctionalInterface
    public interface Opener {
        Connection open(InventoryHost host);
    }

    public static Opener overSsh(Ssh.Options options) {
        return host -> {
            SshSession ssh = Ssh.connect(host, options);
            try {
                DockerEngine docker = DockerEngines.overSsh(ssh, CALL_DEADLINE);
                docker.ping();
                return new Connection(host, ssh, docker);
            } catch (SwarmlabException e) {
                ssh.close();
                throw new SwarmlabException(host.name() + ": SSH works but Docker does not answer: " + e.getMessage(),
                        "check that dockerd runs on " + host.name() + " and that " + host.user() + " may use /var/run/docker.sock",
                        List.of(), e);
            }
        };
    }

    public static Connections open(Inventory inventory, Opener opener, Progress progress, Duration deadline) {
        long start = System.nanoTime();
        Connections connections = new Connections(inventory.hosts(), inventory.source());
        List<Parallel.Outcome<InventoryHost, Connection>> outcomes = Parallel.each(inventory.hosts(),
                Deadline.in(deadline, "SSH and Docker connections to every host"), opener::open);
        for (Parallel.Outcome<InventoryHost, Connection> outcome : outcomes) {
            if (outcome.ok()) {
                connections.reached.put(outcome.key().name(), outcome.value());
            } else {
                connections.unreachable.put(outcome.key().name(), outcome.error());
                progress.step(outcome.key().name(), "unreachable: " + outcome.error().getMessage());
            }
        }
        progress.step("-", "reached " + connections.reached.size() + " of " + inventory.hosts().size() + " hosts (SSH and Docker) in "
                + Durations.since(start));
        return connections;
    }

    public List<InventoryHost> hosts() {
        return hosts;
    }

    public List<Connection> reached() {
        return List.copyOf(reached.values());
    }

    public Optional<Connection> get(String host) {
        return Optional.ofNullable(reached.get(host));
    }

    public Map<String, SwarmlabException> unreachable() {
        return Map.copyOf(unreachable);
    }

    /** Ends a verb that went on without some hosts: exit 1, each host's error and remedy shown. */
    public static void failIfUnreachable(Connections connections, String verb) {
        if (connections.unreachable.isEmpty()) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        connections.unreachable.forEach((host, error) -> {
            evidence.add(error.getMessage());
            if (error.remedy() != null) {
                evidence.add("  remedy: " + error.remedy());
            }
        });
        throw new SwarmlabException(connections.unreachable.size() + " of " + connections.hosts.size() + " hosts could not be reached: "
                + String.join(", ", connections.unreachable.keySet()) + "; " + verb + " covered the others", null, evidence, null);
    }

    @Override
    public void close() {
        reached.values().forEach(Connection::close);
    }
}
