package dev.swarmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/lab-format.md's field table against labs/lab.schema.json: every field the schema has is documented, and no other. */
class LabFormatDocTest {
    private static final Path DOC = Path.of("../docs/lab-format.md");
    private static final Path SCHEMA = Path.of("../labs/lab.schema.json");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** The field table's rows: each documented path (`networks[].subnet`; later names in a cell share the first's prefix) to its text. */
    static Map<String, String> documented(List<String> doc) {
        Map<String, String> rows = new LinkedHashMap<>();
        int at = doc.indexOf("| field | meaning |");
        assertTrue(at >= 0, "lab-format.md has its field table (| field | meaning |)");
        for (String line : doc.subList(at + 2, doc.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|", 3);
            String meaning = cells[2];
            String prefix = "";
            Matcher names = CODE.matcher(cells[1]);
            boolean first = true;
            while (names.find()) {
                String name = names.group(1);
                if (first) {
                    int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf("[]") >= 0 ? name.lastIndexOf("[]") + 1 : -1);
                    prefix = cut >= 0 ? name.substring(0, cut + 1) : "";
                    rows.put(name, meaning);
                    first = false;
                } else {
                    rows.put(name.contains(".") ? name : prefix + name, meaning);
                }
            }
        }
        return rows;
    }

    /** The schema's fields, two levels deep: top-level ones, an object's (`swarm.managers`), an array's items' (`networks[].subnet`). */
    static Set<String> schemaFields(JsonNode schema) {
        Set<String> fields = new LinkedHashSet<>();
        schema.path("properties").fields().forEachRemaining(top -> {
            fields.add(top.getKey());
            JsonNode value = top.getValue();
            if (value.has("properties")) {
                value.path("properties").fieldNames().forEachRemaining(f -> fields.add(top.getKey() + "." + f));
            }
            JsonNode items = resolve(schema, value.path("items"));
            if (items.has("properties")) {
                items.path("properties").fieldNames().forEachRemaining(f -> fields.add(top.getKey() + "[]." + f));
            }
        });
        return fields;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/$defs/") ? schema.path("$defs").path(ref.substring("#/$defs/".length())) : node;
    }

    /**
     * A field is documented by its own row (`steps[]` for steps), by its children's, or by its name in its parent's row
     * (`expectations[]`'s `{from, to, ...}`).
     */
    static List<String> undocumented(Set<String> fields, Map<String, String> rows) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            int dot = field.lastIndexOf('.');
            String parent = dot < 0 ? "" : field.substring(0, dot);
            String name = field.substring(dot + 1);
            boolean inParent = rows.containsKey(parent) && Pattern.compile("[`{ ,]" + Pattern.quote(name) + "[`}:, ]").matcher(rows.get(parent)).find();
            boolean asList = rows.containsKey(field + "[]");
            boolean byChildren = rows.keySet().stream().anyMatch(r -> r.startsWith(field + ".") || r.startsWith(field + "[]."));
            if (!rows.containsKey(field) && !inParent && !asList && !byChildren) {
                missing.add(field);
            }
        }
        return missing;
    }

    @Test
    void theTableAndTheSchemaNameTheSameFields() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        Map<String, String> rows = documented(Files.readAllLines(DOC));
        Set<String> fields = schemaFields(schema);
        assertTrue(fields.size() > 40 && rows.size() > 30, "both sides were read: " + fields.size() + " fields, " + rows.size() + " rows");
        assertEquals(List.of(), undocumented(fields, rows), "fields of lab.schema.json that docs/lab-format.md does not describe");
        List<String> unknown = rows.keySet().stream().filter(r -> !fields.contains(r) && !fields.contains(r.replaceFirst("\\[]$", "")))
                .toList();
        assertEquals(List.of(), unknown, "fields docs/lab-format.md describes that lab.schema.json does not have");
    }

    @Test
    void theProbeKindsAreTheSameInTheDocTheSchemaAndTheCode() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        List<String> inSchema = new ArrayList<>();
        schema.path("$defs").path("probe").path("enum").forEach(k -> inSchema.add(k.asText()));
        List<String> inDoc = new ArrayList<>();
        Matcher kinds = CODE.matcher(documented(Files.readAllLines(DOC)).get("probes"));
        while (kinds.find()) {
            inDoc.add(kinds.group(1));
        }
        assertEquals(ProbeKind.names(), inSchema);
        assertEquals(ProbeKind.names(), inDoc);
    }

    @Test
    void theCheckFindsAFieldTheDocLacks() {
        Map<String, String> rows = documented(List.of("| field | meaning |", "|---|---|", "| `steps[]` | `{action, host}`: a step |",
                "| `networks[].subnet`, `gateway` | addresses |", ""));
        assertEquals(Set.of("steps[]", "networks[].subnet", "networks[].gateway"), rows.keySet());
        assertEquals(List.of("steps[].mtu", "networks[].ipRange"), undocumented(new LinkedHashSet<>(List.of("steps[].action", "steps[].host",
                "steps[].mtu", "networks[].subnet", "networks[].gateway", "networks[].ipRange")), rows));
    }
}
