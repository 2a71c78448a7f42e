package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small readings of the daemon's JSON shared by the resources. */
final class Fields {
    private Fields() {
    }

    /** A JSON object of strings (labels, options) as a map, in the daemon's order; missing is empty. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    /** "10.0.1.5/24" as "10.0.1.5". */
    static String address(String cidr) {
        return cidr.replaceFirst("/.*", "");
    }

    /** An endpoint's settings as the API takes them: a static address and aliases, each only when given. */
    static Map<String, Object> endpointConfig(Optional<String> ip, List<String> aliases) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        ip.ifPresent(address -> endpoint.put("IPAMConfig", Map.of("IPv4Address", address)));
        if (!aliases.isEmpty()) {
            endpoint.put("Aliases", aliases);
        }
        return endpoint;
    }
}
