package dev.swarmlab.lab;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One action between probe rounds: connect, disconnect, stop, start, set a host's MTU, cut or
 * restore a host, remove a network, prune networks. With {@code refused}, the lab expects Docker
 * to refuse the action, and the refusal (with Docker's message) is the step's result.
 */
public record Step(String title, Action action, Optional<String> workload, Optional<String> network, Optional<String> host,
                   OptionalInt mtu, Optional<String> refused) {
    /** What a step does; remove-network and prune act on networks, the rest on a workload or a host. */
    public enum Action {
        CONNECT, DISCONNECT, STOP, START, MTU, CUT, RESTORE, REMOVE_NETWORK, PRUNE;

        /** Whether the step changes a host itself (its underlay), not only Docker's objects. */
        public boolean changesHosts() {
            return this == MTU || this == CUT || this == RESTORE;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
