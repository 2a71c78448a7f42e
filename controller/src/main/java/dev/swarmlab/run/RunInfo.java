package dev.swarmlab.run;

import dev.swarmlab.plan.Citations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A run as listed: which lab, when, how it ended, and how many cells matched, surprised or failed. */
public record RunInfo(String id, String lab, String labFile, String started, Optional<String> ended, String status, String filter,
                      String findings, CellCounts counts, String model) {
    /** A run judged by this swarmlab's model ({@link Citations#MODEL_VERSION}). */
    public RunInfo(String id, String lab, String labFile, String started, Optional<String> ended, String status, String filter,
                   String findings, CellCounts counts) {
        this(id, lab, labFile, started, ended, status, filter, findings, counts, Citations.MODEL_VERSION);
    }

    /** The run as JSON-ready fields, the way `runs --json` lists it. */
    public Map<String, Object> summary() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("lab", lab);
        json.put("labFile", labFile);
        json.put("started", started);
        json.put("ended", ended.orElse(null));
        json.put("status", status);
        json.put("model", model);
        json.put("counts", counts.json());
        return json;
    }
}
