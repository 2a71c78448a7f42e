package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.HostLogs;
import dev.swarmlab.lab.GeneratedLab;
import dev.swarmlab.session.LabState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model against real Docker: labs generated from fixed seeds (src/test/resources/differential/seeds.txt, one
 * a line: the seeds that once found a model error, and a fixed draw), each deployed on two emulated hosts, probed,
 * judged and destroyed. A generated lab uses only what the model knows, so every cell must be matched: an
 * unexpected, misrouted or not judged cell is a model error. bench/differential.sh draws fresh seeds.
 */
class DifferentialIT {
    private static final String PREFIX = "sldif";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it-differential");
    private static final Path INVENTORY = HOME.resolve(PREFIX).resolve("inventory.yaml");
    @RegisterExtension
    static final HostLogs LOGS = new HostLogs(PREFIX, HOME);

    @TempDir
    Path out;

    static List<Long> seeds() throws IOException {
        List<Long> seeds = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src", "test", "resources", "differential", "seeds.txt"))) {
            String seed = line.replaceAll("#.*", "").strip();
            if (!seed.isEmpty()) {
                seeds.add(Long.parseLong(seed));
            }
        }
        return seeds;
    }

    @BeforeAll
    static void hostsUp() {
        CliRun.hosts(PREFIX, HOME, "down");
        CliRun up = CliRun.hosts(PREFIX, HOME, "up", "--count", "2", "--subnet", "10.253.0.0/24");
        assertEquals(0, up.exit(), up.all());
    }

    @AfterAll
    static void hostsDown() {
        CliRun.hosts(PREFIX, HOME, "down");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyCellOfAGeneratedLabMatches(long seed) throws IOException {
        CliRun run = CliRun.of("run", "--generated", Long.toString(seed), "--inventory", INVENTORY.toString(), "--out", out.toString());
        Path file = LabState.root().resolve(GeneratedLab.FOLDER).resolve(GeneratedLab.name(seed) + ".yaml");
        CliRun destroy = CliRun.of("destroy", file.toString(), "--inventory", INVENTORY.toString());
        String lab = Files.readString(file);
        assertEquals(0, run.exit(), "seed " + seed + ":\n" + lab + run.all());
        JsonNode counts = new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("summary").path("counts");
        assertEquals(counts.path("cells").asInt(), counts.path("matched").asInt(), "every cell matched, none only not judged: " + counts
                + "\n" + lab + run.all());
        assertFalse(counts.path("cells").asInt() == 0, run.all());
        assertEquals(0, destroy.exit(), destroy.all());
    }
}
