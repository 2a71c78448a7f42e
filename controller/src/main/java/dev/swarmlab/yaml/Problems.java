package dev.swarmlab.yaml;

import dev.swarmlab.SwarmlabException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every problem found in a file, collected so that all of them are reported at once. */
public final class Problems {
    /** One problem at one spot: "inventory.yaml:4:11: hosts[1].port: ...". */
    public record Problem(Path file, int line, int column, String path, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
        }
    }

    private final List<Problem> found = new ArrayList<>();

    public void add(Path file, int line, int column, String path, String message) {
        found.add(new Problem(file, line, column, path, message));
    }

    public void add(YamlNode at, String message) {
        add(at.file(), at.line(), at.column(), at.path(), message);
    }

    public List<Problem> list() {
        return found.stream().sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)).toList();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws one exception listing every problem, if there are any. */
    public void throwIfAny(Path file, String what) {
        if (found.isEmpty()) {
            return;
        }
        List<String> lines = list().stream().map(Problem::toString).toList();
        String summary = found.size() == 1 ? lines.get(0)
                : file + ": " + found.size() + " problems in this " + what;
        throw new SwarmlabException(summary, "correct the " + what + " at the lines shown", found.size() == 1 ? List.of() : lines, null);
    }
}
