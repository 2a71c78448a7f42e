package dev.swarmlab.lab;

import java.util.List;

/** The lab's Swarm: these hosts are managers (the first one initialises it); every other host joins as a worker. */
public record Swarm(List<String> managers) {
    public Swarm {
        managers = List.copyOf(managers);
    }
}
