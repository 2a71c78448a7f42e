package dev.swarmlab.emulated;

import java.util.List;

/** One emulated host as `hosts ls` shows it; problems say what is missing when it is not running. */
public record HostStatus(String name, String address, HostState state, String dockerVersion, String hostname,
                         List<String> problems) {
    public HostStatus {
        problems = List.copyOf(problems);
    }

    public boolean running() {
        return state == HostState.RUNNING;
    }
}
