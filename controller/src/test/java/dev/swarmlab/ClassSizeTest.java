package dev.swarmlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small parts, as a rule over the sources of the controller and the agent: no class file over 400 lines. */
class ClassSizeTest {
    static final int MAX_LINES = 400;
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../agent/src/main/java"));

    /** Each source file over the limit, as file: lines. */
    static List<String> tooLong(List<Path> roots) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    long lines = Files.readAllLines(file).size();
                    if (lines > MAX_LINES) {
                        found.add(root.relativize(file) + ": " + lines + " lines");
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noClassIsOverTheLimit() throws IOException {
        for (Path root : SOURCES) {
            assertTrue(Files.isDirectory(root), "the sources are where the test looks: " + root.toAbsolutePath());
        }
        assertEquals(List.of(), tooLong(SOURCES), "split these by what they do (at most " + MAX_LINES + " lines a file)");
    }

    @Test
    void theCheckFindsALongClass(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Long.java"), "class Long {\n" + "  // a line\n".repeat(MAX_LINES) + "}\n");
        Files.writeString(dir.resolve("Short.java"), "class Short {\n}\n");
        assertEquals(List.of("Long.java: " + (MAX_LINES + 2) + " lines"), tooLong(List.of(dir)));
    }
}
