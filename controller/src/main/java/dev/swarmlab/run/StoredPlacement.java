package dev.swarmlab.run;

import com.fasterxml.jackson.databind.JsonNode;

/** Where an agent or workload was during a run, and at which addresses. */
public record StoredPlacement(String name, String host, String role, JsonNode networks, boolean running, JsonNode addresses, JsonNode ports) {
}
