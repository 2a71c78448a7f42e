package dev.swarmlab.docker;

import java.util.Map;

/** A container or service found by its labels. */
public record LabelledObject(String id, String name, String state, Map<String, String> labels) {
    public LabelledObject {
        labels = Map.copyOf(labels);
    }
}
