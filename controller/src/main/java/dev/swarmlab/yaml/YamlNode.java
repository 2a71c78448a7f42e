package dev.swarmlab.yaml;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A node of a YAML document that remembers where it was written (file, line, column) and
 * its path from the root (hosts[1].name), so every error can point at the exact spot.
 */
public record YamlNode(Kind kind, Path file, int line, int column, String path,
                       Map<String, YamlNode> fields, List<YamlNode> items, String scalar) {
    public enum Kind { MAP, LIST, SCALAR, NULL }

    public YamlNode {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(fields);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** "file:line:column", the way compilers point at a spot. */
    public String where() {
        return file + ":" + line + ":" + column;
    }

    public String describeKind() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case SCALAR -> "'" + scalar + "'";
            case NULL -> "empty";
        };
    }
}
