package dev.swarmlab.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.NotFoundException;
import dev.swarmlab.session.LabState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every lab's recorded runs under one state root: listing, finding one run, one cell, and what changed between two runs. */
public final class RunHistory {
    /** What names the most recent run wherever a run id is asked for. */
    public static final String LATEST = "latest";
    private final Path root;

    public RunHistory(Path root) {
        this.root = root;
    }

    public List<RunInfo> runs() {
        List<RunInfo> runs = new ArrayList<>();
        for (LabState state : LabState.withRuns(root)) {
            runs.addAll(RunStores.shared(state.runs()).runs());
        }
        runs.sort(Comparator.comparing(RunInfo::started));
        return runs;
    }

    /** A run by its id, or the most recent one for "latest". */
    public Optional<RunReport> report(String runId) {
        if (runId.equals(LATEST)) {
            List<RunInfo> runs = runs();
            return runs.isEmpty() ? Optional.empty() : report(runs.get(runs.size() - 1).id());
        }
        return locate(runId).map(state -> RunReport.load(RunStores.shared(state.runs()), runId));
    }

    /** The lab state folder whose database holds the run. */
    public Optional<LabState> locate(String runId) {
        for (LabState state : LabState.withRuns(root)) {
            if (RunStores.shared(state.runs()).run(runId).isPresent()) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    public RunReport require(String runId) {
        return report(runId).orElseThrow(() -> new NotFoundException("no run " + runId + " in " + root,
                "list the recorded runs with `swarmlab runs` (GET /api/runs)"));
    }

    /** One cell of a run's report, by its id. */
    public JsonNode cell(String runId, String cellId) {
        for (JsonNode cell : require(runId).json().path("cells")) {
            if (cell.path("id").asText().equals(cellId)) {
                return cell;
            }
        }
        throw new NotFoundException("run " + runId + " has no cell " + cellId, "take cell ids from the run's cells");
    }

    /**
     * What changed from run A to run B: cells whose verdict or outcome differs, and cells only one
     * of them has. Cells that came out the same are left out.
     */
    public JsonNode diff(String before, String after) {
        JsonNode first = require(before).json();
        JsonNode second = require(after).json();
        Map<String, JsonNode> a = byId(first);
        Map<String, JsonNode> b = byId(second);
        ObjectNode diff = RunStore.JSON.createObjectNode().put("before", before).put("after", after);
        String modelBefore = first.path("run").path("model").asText("1");
        String modelAfter = second.path("run").path("model").asText("1");
        diff.putObject("model").put("before", modelBefore).put("after", modelAfter).put("changed", !modelBefore.equals(modelAfter))
                .put("note", modelBefore.equals(modelAfter) ? "both runs were judged by model " + modelAfter : "the runs were judged by"
                        + " different model versions (" + modelBefore + ", then " + modelAfter + "): a changed verdict or a cell added or"
                        + " removed may be the model's doing, not Docker's");
        ArrayNode changed = diff.putArray("changed");
        ArrayNode added = diff.putArray("added");
        ArrayNode removed = diff.putArray("removed");
        b.forEach((id, cell) -> {
            JsonNode old = a.get(id);
            if (old == null) {
                added.add(cell);
            } else if (!old.path("verdict").equals(cell.path("verdict")) || !old.path("outcome").equals(cell.path("outcome"))) {
                changed.addObject().put("id", id).<ObjectNode>set("before", brief(old)).set("after", brief(cell));
            }
        });
        a.keySet().stream().filter(id -> !b.containsKey(id)).forEach(id -> removed.add(a.get(id)));
        return diff;
    }

    private static Map<String, JsonNode> byId(JsonNode report) {
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        report.path("cells").forEach(c -> cells.put(c.path("id").asText(), c));
        return cells;
    }

    private static ObjectNode brief(JsonNode cell) {
        ObjectNode brief = RunStore.JSON.createObjectNode();
        for (String field : List.of("verdict", "outcome", "reason", "answeredBy", "latencyMs")) {
            if (cell.has(field)) {
                brief.set(field, cell.get(field));
            }
        }
        return brief;
    }
}
