package dev.swarmlab.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML file into located {@link YamlNode}s with Jackson's streaming parser. */
public final class YamlFile {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Path file;
    private final Problems problems;

    private YamlFile(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Parses the file. Syntax errors end the read at once (nothing after them can be trusted);
     * a duplicate key is recorded in {@code problems} and the read goes on.
     */
    public static YamlNode read(Path file, Problems problems) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SwarmlabException(file + ": no such file");
        } catch (IOException e) {
            throw new SwarmlabException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file, text, problems);
    }

    public static YamlNode parse(Path file, String text, Problems problems) {
        YamlFile reader = new YamlFile(file, problems);
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode(YamlNode.Kind.NULL, file, 1, 1, "", null, null, null);
            }
            return reader.node(parser, "");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new SwarmlabException(where + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    "fix the syntax at that line (indentation, a missing ':' or an unclosed quote are the usual causes)",
                    List.of(), e);
        } catch (IOException e) {
            throw new SwarmlabException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private YamlNode node(JsonParser parser, String path) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    parser.nextToken();
                    YamlNode value = node(parser, path.isEmpty() ? name : path + "." + name);
                    if (fields.putIfAbsent(name, value) != null) {
                        problems.add(file, keyAt.getLineNr(), keyAt.getColumnNr(), path.isEmpty() ? name : path + "." + name,
                                "duplicate field: it is already set at line " + fields.get(name).line());
                    }
                }
                return new YamlNode(YamlNode.Kind.MAP, file, line, column, path, fields, null, null);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, path + "[" + (items.size() + 1) + "]"));
                }
                return new YamlNode(YamlNode.Kind.LIST, file, line, column, path, null, items, null);
            }
            case VALUE_NULL -> {
                return new YamlNode(YamlNode.Kind.NULL, file, line, column, path, null, null, null);
            }
            default -> {
                return new YamlNode(YamlNode.Kind.SCALAR, file, line, column, path, null, null, parser.getText());
            }
        }
    }
}
