package dev.swarmlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stated rule, over the sources of the controller and the agent: every wait has a deadline and a message. A call
 * that can block for ever (a lock, a join, an await, a semaphore, a queue's take, a bare sleep or waitFor) is found; one
 * whose end is bounded otherwise says so on its line, after `// waits:`. Deadline is where sleeping is done.
 */
class WaitsTest {
    private static final Pattern UNBOUNDED = Pattern.compile(
            "\\.(lock|join|await|acquire|acquireUninterruptibly|take|waitFor)\\(\\)|Thread\\.sleep\\(");
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../agent/src/main/java"));

    /** Each unbounded wait without its reason, as file:line: code. */
    static List<String> unbounded(List<Path> roots) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Deadline.java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
                        if (UNBOUNDED.matcher(code).find() && !line.contains("// waits: ")) {
                            found.add(root.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void everyWaitHasADeadlineOrSaysWhatBoundsIt() throws IOException {
        for (Path root : SOURCES) {
            assertTrue(Files.isDirectory(root), "the sources are where the test looks: " + root.toAbsolutePath());
        }
        assertEquals(List.of(), unbounded(SOURCES), "waits without a deadline: use Deadline (get, pause, await), or say after"
                + " `// waits:` what bounds them");
    }

    @Test
    void theCheckFindsAnUnboundedWait(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), "class A {\n  void f(java.util.concurrent.CompletableFuture<?> f) {\n    f.join();\n"
                + "    f.join(); // waits: a reason\n    Thread.sleep(5);\n  }\n}\n");
        assertEquals(List.of("A.java:3: f.join();", "A.java:5: Thread.sleep(5);"), unbounded(List.of(dir)));
    }
}
