package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Identity;
import dev.swarmlab.agent.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a probe saw: the outcome (ok, blocked with a reason, misrouted, error), its timings, who
 * answered, and the raw evidence.
 */
public record ProbeResult(ProbeSpec spec, String outcome, String reason, Map<String, Object> timings,
                          Optional<Identity> answeredBy, String evidence) {
    public static ProbeResult answered(ProbeSpec spec, Identity who, Map<String, Object> timings, String evidence) {
        boolean elsewhere = !spec.expects(who.name());
        return new ProbeResult(spec, elsewhere ? "misrouted" : "ok",
                elsewhere ? "answered by " + who.name() + " on " + who.host() + ", not " + spec.expect().get().replace(",", " or ") : "",
                timings, Optional.of(who), evidence);
    }

    public static ProbeResult ok(ProbeSpec spec, Map<String, Object> timings, String evidence) {
        return new ProbeResult(spec, "ok", "", timings, Optional.empty(), evidence);
    }

    public static ProbeResult blocked(ProbeSpec spec, String reason, Map<String, Object> timings, String evidence) {
        return new ProbeResult(spec, "blocked", reason, timings, Optional.empty(), evidence);
    }

    public static ProbeResult error(ProbeSpec spec, String evidence) {
        return new ProbeResult(spec, "error", "error", Map.of(), Optional.empty(), evidence);
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", spec.id());
        json.put("kind", spec.kind());
        json.put("target", spec.target());
        if (spec.port() > 0) {
            json.put("port", spec.port());
        }
        json.put("outcome", outcome);
        if (!reason.isEmpty()) {
            json.put("reason", reason);
        }
        json.put("timings", timings);
        answeredBy.ifPresent(who -> json.put("answeredBy", Json.identity(who)));
        json.put("evidence", evidence);
        return Json.write(json);
    }
}
