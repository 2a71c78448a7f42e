package dev.swarmlab.docker;

import java.util.Map;
import java.util.Optional;

/** A network to create: `docker network create` with its options. */
public record NetworkRequest(String name, String driver, Optional<String> subnet, Optional<String> gateway,
                             Optional<String> ipRange, boolean attachable, boolean internal, Map<String, String> options,
                             Map<String, String> labels) {
    public NetworkRequest {
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }
}
