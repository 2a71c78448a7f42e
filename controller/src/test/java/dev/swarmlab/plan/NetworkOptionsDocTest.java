package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's table of the network options the judge models is {@link NetworkOptions#MODELLED}, row for row. */
class NetworkOptionsDocTest {
    @Test
    void theReadmeListsEveryModelledOptionAndNoOther() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int header = readme.indexOf("| driver | option | what the judge takes from it |");
        List<String> rows = readme.subList(header + 2, readme.size()).stream().takeWhile(l -> l.startsWith("|")).toList();
        List<String> expected = NetworkOptions.MODELLED.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().id()))
                .flatMap(d -> d.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(o -> "| " + d.getKey().id() + " | `" + o.getKey() + "` | " + o.getValue() + " |"))
                .toList();
        assertEquals(expected, rows, "README.md's options table (regenerate its rows from plan/NetworkOptions)");
    }
}
