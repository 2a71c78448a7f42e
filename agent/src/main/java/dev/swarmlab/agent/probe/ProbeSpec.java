package dev.swarmlab.agent.probe;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * One probe to run, as the controller sends it (a JSON object per line):
 * {"id", "kind", "target", "port", "count", "timeoutMs", "expect", "durationMs", "rounds"}.
 * {@code expect} names the container that should answer, or several separated by commas (an alias that
 * several hold); another one answering is "misrouted".
 */
public record ProbeSpec(String id, String kind, String target, int port, int count, int timeoutMs, Optional<String> expect,
                        int durationMs, int rounds) {
    public static ProbeSpec from(Map<String, Object> json) {
        return new ProbeSpec(text(json, "id", "?"), text(json, "kind", ""), text(json, "target", ""),
                number(json, "port", 0), number(json, "count", 3), number(json, "timeoutMs", 2000),
                Optional.ofNullable(json.get("expect")).map(String::valueOf),
                number(json, "durationMs", 2000), number(json, "rounds", 200));
    }

    /** Whether the container of that name is one that should answer (true where the spec names none). */
    public boolean expects(String name) {
        return expect.map(names -> Arrays.asList(names.split(",")).contains(name)).orElse(true);
    }

    private static String text(Map<String, Object> json, String key, String otherwise) {
        Object value = json.get(key);
        return value == null ? otherwise : value.toString();
    }

    private static int number(Map<String, Object> json, String key, int otherwise) {
        Object value = json.get(key);
        return value instanceof Number n ? n.intValue() : otherwise;
    }
}
