package dev.swarmlab.plan;

import dev.swarmlab.lab.ProbeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One probe of the matrix: from a source agent to a target over a route, with the probe it runs,
 * what it dials, and what it should see. {@code answerers} are the containers that may answer: several
 * where the name is an alias that several hold (Docker's DNS answers with each of them), none where the
 * probe carries no identity. {@code shadowedBy} names a container on the source's host that holds the dialled address too
 * (a bridge address reused on every host), so an answer without identity can be told apart.
 */
public record Cell(String id, String network, String source, String sourceHost, String target, String targetHost, Route route,
                   ProbeKind probe, String dial, int port, List<String> answerers, Optional<String> shadowedBy, Expected expected) {
    public Cell {
        answerers = List.copyOf(answerers);
    }

    public boolean sameHost() {
        return sourceHost.equals(targetHost);
    }

    /** The containers that may answer, as one text (the agent's spec, the run store): Docker's names have no commas. */
    public Optional<String> expect() {
        return answerers.isEmpty() ? Optional.empty() : Optional.of(String.join(",", answerers));
    }

    /** The containers that may answer, from {@link #expect()}'s text. */
    public static List<String> answerers(String expect) {
        return expect == null ? List.of() : List.of(expect.split(","));
    }

    /** The spec the agent runs (one JSON line of `agent probe`'s input). */
    public Map<String, Object> spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("id", id);
        spec.put("kind", probe.wire());
        spec.put("target", dial);
        if (port > 0) {
            spec.put("port", port);
        }
        spec.put("count", 3);
        // Generous: a blocked path fails fast (refused, no such name, answered by another), so only a busy host pays for these.
        spec.put("timeoutMs", 3000);
        if (probe == ProbeKind.THROUGHPUT) {
            spec.put("durationMs", 1000); // long enough for TCP to reach its pace on a lab's paths, short enough to sample every network
        }
        expect().ifPresent(names -> spec.put("expect", names));
        return spec;
    }

    /** The same cell in a later probe round: its id says the round, so every round's cells are kept apart. */
    public Cell inRound(int round) {
        return round == 0 ? this : new Cell("round" + round + "/" + id, network, source, sourceHost, target, targetHost, route, probe, dial,
                port, answerers, shadowedBy, expected);
    }

    public Cell withExpected(Expected other) {
        return new Cell(id, network, source, sourceHost, target, targetHost, route, probe, dial, port, answerers, shadowedBy, other);
    }
}
