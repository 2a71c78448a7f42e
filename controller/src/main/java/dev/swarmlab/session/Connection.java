package dev.swarmlab.session;

import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.ssh.SshSession;

/** One host of a lab, reached: its SSH session and its Docker daemon through that session. */
public record Connection(InventoryHost host, SshSession ssh, DockerEngine docker) implements AutoCloseable {
    public String name() {
        return host.name();
    }

    /** The host's name: what messages about it should say. */
    @Override
    public String toString() {
        return host.name();
    }

    @Override
    public void close() {
        docker.close();
        ssh.close();
    }
}
