package dev.swarmlab.yaml;

import dev.swarmlab.SwarmlabException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one YAML mapping, reporting a wrong type, a missing required field or an
 * unknown field (with the ones allowed) to {@link Problems} instead of stopping at the first.
 */
public final class Fields {
    private final YamlNode map;
    private final Problems problems;

    private Fields(YamlNode map, Problems problems) {
        this.map = map;
        this.problems = problems;
    }

    /** Checks that the node is a mapping with only the allowed fields. */
    public static Optional<Fields> of(YamlNode node, Problems problems, Set<String> allowed) {
        if (!node.isMap()) {
            problems.add(node, "expected a mapping with fields " + sorted(allowed) + ", found " + node.describeKind());
            return Optional.empty();
        }
        for (String name : node.fields().keySet()) {
            if (!allowed.contains(name)) {
                YamlNode value = node.fields().get(name);
                problems.add(node.file(), value.line(), value.column(), value.path(),
                        "unknown field '" + name + "'; allowed: " + sorted(allowed));
            }
        }
        return Optional.of(new Fields(node, problems));
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }

    public YamlNode node() {
        return map;
    }

    public Optional<YamlNode> get(String name) {
        YamlNode value = map.fields().get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public Optional<String> string(String name) {
        return get(name).flatMap(value -> {
            if (!value.isScalar()) {
                problems.add(value, "expected a single value, found " + value.describeKind());
                return Optional.empty();
            }
            return Optional.of(value.scalar());
        });
    }

    public Optional<String> requiredString(String name) {
        Optional<String> value = string(name);
        if (get(name).isEmpty()) {
            problems.add(map, "missing required field '" + name + "'");
        }
        return value;
    }

    public Optional<Integer> integer(String name, int min, int max) {
        return string(name).flatMap(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(map.fields().get(name), "expected a whole number within " + min + ".." + max + ", found '" + text + "'");
            return Optional.empty();
        });
    }

    /** A list field, each item converted; a missing field is an empty list. */
    public <T> List<T> list(String name, Function<YamlNode, Optional<T>> item) {
        Optional<YamlNode> value = get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isList()) {
            problems.add(value.get(), "expected a list, found " + value.get().describeKind());
            return List.of();
        }
        return value.get().items().stream().map(item).flatMap(Optional::stream).toList();
    }

    /** Converts a scalar field, reporting the converter's {@link dev.swarmlab.SwarmlabException} at the field. */
    public <T> Optional<T> parsed(String name, Function<String, T> parser) {
        return string(name).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (SwarmlabException e) {
                problems.add(map.fields().get(name), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** The node to point at for a field: the value if present, otherwise the mapping itself. */
    public YamlNode at(String name) {
        YamlNode value = map.fields().get(name);
        return value == null ? map : value;
    }

    public Optional<Boolean> bool(String name) {
        return string(name).flatMap(text -> switch (text) {
            case "true", "yes", "on" -> Optional.of(Boolean.TRUE);
            case "false", "no", "off" -> Optional.of(Boolean.FALSE);
            default -> {
                problems.add(map.fields().get(name), "expected true or false, found '" + text + "'");
                yield Optional.empty();
            }
        });
    }

    /** A list of single values; one value alone is taken as a list of one. */
    public List<YamlNode> scalars(String name) {
        Optional<YamlNode> value = get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        List<YamlNode> items = value.get().isList() ? value.get().items() : List.of(value.get());
        return items.stream().filter(item -> {
            if (!item.isScalar()) {
                problems.add(item, "expected a single value, found " + item.describeKind());
                return false;
            }
            return true;
        }).toList();
    }

    /** A mapping of names to single values, such as driver options. */
    public Map<String, String> stringMap(String name) {
        Optional<YamlNode> value = get(name);
        if (value.isEmpty()) {
            return Map.of();
        }
        if (!value.get().isMap()) {
            problems.add(value.get(), "expected a mapping of names to values, found " + value.get().describeKind());
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        value.get().fields().forEach((key, node) -> {
            if (node.isScalar()) {
                result.put(key, node.scalar());
            } else {
                problems.add(node, "expected a single value, found " + node.describeKind());
            }
        });
        return result;
    }

    public Problems problems() {
        return problems;
    }
}
