package dev.swarmlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.plan.CellFilter;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of `POST /api/labs/LAB/runs`, read strictly: one JSON object (`{}` for the whole lab) with only the fields
 * networks, probes and hosts, each a list of names the lab has; nothing after it. Anything else is 400 before a run starts.
 */
final class RunRequest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final List<String> FIELDS = List.of("networks", "probes", "hosts");
    private static final String REMEDY = "send a JSON object such as {} (the whole lab) or {\"networks\":[\"NAME\"],\"probes\":[\"tcp\"],"
            + "\"hosts\":[\"h1\"]}; GET /api/labs lists each lab's networks and probes";

    private RunRequest() {
    }

    static CellFilter parse(String body, Lab lab, Collection<String> hostNames) {
        if (body == null || body.isBlank()) {
            throw refused("the request has no body");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw refused("the body is not one JSON value: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw refused("the body must be a JSON object, not " + (request == null ? "nothing" : request.getNodeType().name().toLowerCase()));
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw refused("the body has an unknown field \"" + HostCheck.printable(name) + "\"; the fields are " + String.join(", ", FIELDS));
            }
        }
        CellFilter filter = new CellFilter(names(request, "networks"), names(request, "probes"), names(request, "hosts"));
        try {
            filter.check(lab, hostNames);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        return filter;
    }

    private static Set<String> names(JsonNode request, String field) {
        JsonNode list = request.path(field);
        Set<String> names = new LinkedHashSet<>();
        if (list.isMissingNode()) {
            return names;
        }
        if (!list.isArray()) {
            throw refused("\"" + field + "\" must be a list of names, like [\"lab-overlay\"]");
        }
        for (JsonNode name : list) {
            if (!name.isTextual()) {
                throw refused("\"" + field + "\" must hold names (strings), not " + name.getNodeType().name().toLowerCase());
            }
            names.add(name.asText());
        }
        return names;
    }

    private static RequestRefused refused(String why) {
        return new RequestRefused(400, why, REMEDY);
    }
}
