package dev.swarmlab.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A run as listed: which lab, when, how it ended, and how many cells matched, surprised or failed. */
public record RunInfo(String id, String lab, String labFile, String started, Optional<String> ended, String status, String filter,
                      String findings, CellCounts counts) {
    /** The run as JSON-ready fields, the way `runs --json` lists it. */
    public Map<String, Object> summary() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("lab", lab);
        json.put("labFile", labFile);
        json.put("started", started);
        json.put("ended", ended.orElse(null));
        json.put("status", status);
        json.put("counts", counts.json());
        return json;
    }
}
