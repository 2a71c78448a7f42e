package dev.swarmlab.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A measured cell: what the agent saw (ok, blocked, misrouted, error), why, who answered, the
 * timings and raw evidence, and the verdict against the cell's expectation.
 */
public record CellResult(String cellId, String outcome, String reason, Verdict verdict, JsonNode timings, Optional<String> answeredBy,
                         String evidence, String raw) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Judges one line of `agent probe` output for its cell. */
    public static CellResult judge(Cell cell, JsonNode result) {
        String outcome = result.path("outcome").asText("error");
        String reason = result.path("reason").asText("");
        JsonNode who = result.path("answeredBy");
        Optional<String> answeredBy = who.isMissingNode() ? Optional.empty()
                : Optional.of(who.path("name").asText() + "@" + who.path("host").asText());
        if (outcome.equals("ok") && answeredBy.isEmpty() && cell.shadowedBy().isPresent()) {
            // An ICMP echo carries no identity, but the controller knows whose address answered on this host.
            outcome = "misrouted";
            reason = cell.dial() + " on " + cell.sourceHost() + " belongs to " + cell.shadowedBy().get() + ", not " + cell.target();
            answeredBy = Optional.of(cell.shadowedBy().get() + "@" + cell.sourceHost());
        }
        Verdict verdict = !cell.expected().judged() && !outcome.equals("error") ? Verdict.NOT_JUDGED : switch (outcome) {
            case "ok" -> cell.expected().reachable() ? Verdict.MATCHED : Verdict.UNEXPECTED;
            case "blocked" -> cell.expected().reachable() ? Verdict.UNEXPECTED : Verdict.MATCHED;
            // Another container answering where the target was expected to is its own failure; where a block was expected, it matches.
            case "misrouted" -> cell.expected().reachable() ? Verdict.MISROUTED : Verdict.MATCHED;
            default -> Verdict.ERROR;
        };
        return new CellResult(cell.id(), outcome, reason, verdict, result.path("timings").isObject() ? result.path("timings")
                : JSON.createObjectNode(), answeredBy, result.path("evidence").asText(""), result.toString());
    }

    /** A cell that could not be measured, with the reason (a dead agent, an unreachable host, an exec that hung). */
    public static CellResult error(Cell cell, String why) {
        ObjectNode raw = JSON.createObjectNode().put("id", cell.id()).put("outcome", "error").put("reason", why);
        return new CellResult(cell.id(), "error", why, Verdict.ERROR, JSON.createObjectNode(), Optional.empty(), why, raw.toString());
    }

    /**
     * This result as a second try of a cell. Two tries that observed different things make the cell
     * flaky, whatever either would have been judged alone; the evidence keeps both observations.
     */
    public CellResult after(CellResult first) {
        String tries = "try 1: " + first.observation() + "; try 2: " + observation() + ". ";
        if (verdict == Verdict.ERROR && first.verdict() != Verdict.ERROR) {
            // nothing was measured the second time: the first observation is the only one
            return new CellResult(cellId, first.outcome, first.reason, first.verdict, first.timings, first.answeredBy, tries + first.evidence,
                    first.raw);
        }
        boolean agree = first.verdict() == Verdict.ERROR || first.outcome().equals(outcome);
        return new CellResult(cellId, outcome, agree ? reason : "tries disagree: " + first.observation() + ", then " + observation(),
                agree ? verdict : Verdict.FLAKY, timings, answeredBy, tries + evidence, raw);
    }

    /** What was seen, in words: the outcome and its reason. */
    public String observation() {
        return outcome + (reason.isEmpty() ? "" : " (" + reason + ")");
    }

    /** This result with another verdict and reason: a cell whose path the convergence gate found broken is an error, not a finding. */
    public CellResult as(Verdict other, String why) {
        return new CellResult(cellId, outcome, why, other, timings, answeredBy, "observed " + observation() + ". " + evidence, raw);
    }

    /** The round trip to show beside the cell: icmp's average, or the probe's own time. */
    public Optional<Double> latencyMs() {
        for (String key : new String[] {"rttAvgMs", "p50Ms", "rttMinMs", "connectMs", "totalMs"}) {
            if (timings.path(key).isNumber()) {
                return Optional.of(timings.path(key).asDouble());
            }
        }
        return Optional.empty();
    }
}
