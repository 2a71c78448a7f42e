package dev.swarmlab.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON with jackson-core's streaming API only (the agent carries no data binding): objects are
 * maps of strings, numbers, booleans, lists and maps.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof Identity id) {
            writeValue(g, identity(id));
        } else {
            g.writeString(value.toString());
        }
    }

    public static Map<String, Object> identity(Identity id) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", id.host());
        map.put("name", id.name());
        map.put("addresses", id.addresses());
        return map;
    }

    public static Identity toIdentity(Map<String, Object> map) {
        @SuppressWarnings("unchecked")
        List<Object> addresses = (List<Object>) map.getOrDefault("addresses", List.of());
        return new Identity(String.valueOf(map.get("host")), String.valueOf(map.get("name")),
                addresses.stream().map(String::valueOf).toList());
    }

    /** Reads one JSON object; fails on anything else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            Object value = readValue(parser, parser.nextToken());
            if (!(value instanceof Map)) {
                throw new IllegalArgumentException("expected a JSON object, found: " + text);
            }
            return (Map<String, Object>) value;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Object readValue(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    map.put(name, readValue(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(readValue(p, t));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }
}
