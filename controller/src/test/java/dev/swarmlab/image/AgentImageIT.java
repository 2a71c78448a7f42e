package dev.swarmlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.CliRun;
import dev.swarmlab.Trees;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.Ssh;
import dev.swarmlab.system.LocalCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent image is built here (no registry, no Dockerfile), loaded into two emulated hosts
 * through their SSH tunnels, skipped where it is already present, and runs `agent probe` in a
 * container on a host.
 */
class AgentImageIT {
    private static final String PREFIX = "slimg";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it-image");

    static CliRun hosts(String... verb) {
        return CliRun.hosts(PREFIX, HOME, verb);
    }

    @BeforeAll
    static void up() {
        hosts("down");
        CliRun up = hosts("up", "--count", "2", "--subnet", "10.255.0.0/24");
        assertEquals(0, up.exit(), up.all());
    }

    @AfterAll
    static void down() throws Exception {
        Trees.delete(HOME.resolve("image-cache"));
        hosts("down");
    }

    @Test
    void builtOnceLoadedWhereMissingAndRunsProbes() throws Exception {
        Path cache = HOME.resolve("image-cache");
        AgentImage image = new AgentImageBuilder(cache, new LocalCommands(), Progress.SILENT).build();
        assertTrue(image.tag().matches("swarmlab/agent:[0-9a-f]{12}"), image.tag());
        assertTrue(Files.size(image.archive()) > 10_000_000, "a runtime is inside");
        assertEquals(image, new AgentImageBuilder(cache, new LocalCommands(), Progress.SILENT).build(), "the second build reuses the first");

        var inventory = InventoryFile.read(HOME.resolve(PREFIX).resolve("inventory.yaml"));
        try (Connections connections = Connections.open(inventory, Connections.overSsh(Ssh.Options.STRICT), Progress.SILENT,
                Duration.ofMinutes(1))) {
            assertEquals(List.of("h1", "h2"), AgentImages.ensure(image, connections.reached(), Progress.SILENT));
            assertEquals(List.of(), AgentImages.ensure(image, connections.reached(), Progress.SILENT), "skipped where present");
            String result = connections.get("h2").orElseThrow().ssh().exec("echo '{\"id\":\"d\",\"kind\":\"dns\",\"target\":\"localhost\"}'"
                    + " | docker run -i --rm " + image.tag() + " probe", Duration.ofSeconds(60)).orThrow().stdout();
            assertTrue(result.contains("\"outcome\":\"ok\"") && result.contains("127.0.0.1"), result);
        }
    }
}
