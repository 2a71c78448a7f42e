package dev.swarmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lab in labs/ satisfies labs/lab.schema.json and swarmlab's own reader; the schema refuses what the reader refuses. */
class LabSchemaTest {
    static final Path LABS = Path.of("..", "labs").toAbsolutePath().normalize();
    private static final JsonSchema SCHEMA = schema();

    private static JsonSchema schema() {
        try {
            JsonNode schema = new ObjectMapper().readTree(LABS.resolve("lab.schema.json").toFile());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The labs written from Docker's documentation, outside the catalog: each doc also shows the docker CLI doing the same by hand. */
    static final Path FROM_DOCS = LABS.resolve("from-docs");

    static Stream<Path> labFiles() throws IOException {
        return Stream.concat(yamlFiles(LABS).stream(), yamlFiles(FROM_DOCS).stream());
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> labs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(labs.isEmpty(), "no lab files in " + dir);
            return labs;
        }
    }

    @ParameterizedTest
    @MethodSource("labFiles")
    void everyLabFileMatchesTheSchemaAndReads(Path file) throws IOException {
        Set<ValidationMessage> errors = SCHEMA.validate(new YAMLMapper().readTree(file.toFile()));
        assertEquals(Set.of(), errors, file.toString());
        assertEquals(file.getFileName().toString().replace(".yaml", ""), LabFile.read(file).name(),
                "a lab file is named after its lab");
        Path doc = file.resolveSibling(file.getFileName().toString().replace(".yaml", ".md"));
        assertTrue(Files.isRegularFile(doc), "every lab has its doc: " + doc);
        String text = Files.readString(doc);
        List<String> parts = file.getParent().equals(FROM_DOCS)
                ? List.of("claim", "swarmlab run labs/" + LABS.relativize(file), "What the report shows", "By hand with the docker CLI", "h1$ docker")
                : List.of("claim", "swarmlab run labs/" + file.getFileName(), "What the report shows");
        for (String part : parts) {
            assertTrue(text.contains(part), doc + " says " + part);
        }
    }

    @Test
    void theSchemaRefusesUnknownFieldsAndDrivers() throws IOException {
        JsonNode bad = new YAMLMapper().readTree("""
                name: x
                hosts: local:2
                colour: blue
                networks: [{name: n, driver: ipvlan}]
                """);
        Set<ValidationMessage> errors = SCHEMA.validate(bad);
        assertEquals(2, errors.size(), errors.toString());
    }
}
