package dev.swarmlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stated rule, over every source of the controller and the agent, tests included: a class is named by an import,
 * not by its fully qualified name inline, except where its simple name is taken (by another import, or a class of the
 * file's own package: docker-java's SwarmNode beside ours). Strings and comments do not count.
 */
class InlineNamesTest {
    private static final Pattern INLINE = Pattern.compile("(?<![\\w.])((?:java|javax|dev\\.swarmlab|io\\.vertx|com\\.fasterxml|picocli|org\\.junit"
            + "|org\\.openqa|io\\.netty|com\\.github)(?:\\.[a-z][a-z0-9_]*)*)\\.([A-Z][A-Za-z0-9_]*)");
    private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+)\\.(\\w+);$");
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/test/java"), Path.of("../agent/src/main/java"),
            Path.of("../agent/src/test/java"));

    /** The code of a line without its string and character literals and its // comment. */
    private static String code(String line) {
        StringBuilder code = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (line.startsWith("//", i)) {
                break;
            } else {
                code.append(c);
            }
        }
        return code.toString();
    }

    static List<String> inline(List<Path> roots) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(file);
                    Map<String, String> imported = new HashMap<>();
                    lines.forEach(l -> {
                        Matcher m = IMPORT.matcher(l.strip());
                        if (m.matches()) {
                            imported.put(m.group(2), m.group(1) + "." + m.group(2));
                        }
                    });
                    List<String> neighbours;
                    try (Stream<Path> siblings = Files.list(file.getParent())) {
                        neighbours = siblings.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                                .map(n -> n.substring(0, n.length() - 5)).toList();
                    }
                    boolean comment = false;
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).strip();
                        if (comment || line.startsWith("/*")) {
                            comment = !line.contains("*/");
                            continue;
                        }
                        if (line.startsWith("*") || line.startsWith("import ") || line.startsWith("package ")) {
                            continue;
                        }
                        Matcher m = INLINE.matcher(code(line));
                        while (m.find()) {
                            String fqn = m.group(1) + "." + m.group(2);
                            boolean taken = imported.containsKey(m.group(2)) && !imported.get(m.group(2)).equals(fqn)
                                    || neighbours.contains(m.group(2)) && !file.getParent().endsWith(m.group(1).replace('.', '/'));
                            if (!taken) {
                                found.add(root.relativize(file) + ":" + (i + 1) + ": " + fqn);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void classesAreNamedByImports() throws IOException {
        assertEquals(List.of(), inline(SOURCES), "import these instead");
    }

    @Test
    void theCheckFindsAnInlineNameAndLetsAClashGo(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("p"));
        Files.writeString(dir.resolve("p/A.java"), "package p;\nimport com.github.dockerjava.api.model.SwarmNode;\n/** {@link java.util.List} */\n"
                + "class A {\n  java.util.List<String> a = null; // java.util.Set\n  String b = \"java.util.Map\";\n"
                + "  dev.swarmlab.docker.SwarmNode c = null;\n}\n");
        assertEquals(List.of("p/A.java:5: java.util.List"), inline(List.of(dir)));
    }
}
