package dev.swarmlab.lab;

import java.util.List;
import java.util.Optional;

/** Which networks get a probe agent on every host, and which image agents run (default: the one swarmlab builds). */
public record Agents(List<String> networks, Optional<String> image) {
    public Agents {
        networks = List.copyOf(networks);
    }
}
