package dev.swarmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliReferenceTest {
    private static final Path COMMITTED = Path.of("../docs/cli-reference.md");

    @Test
    void theCommittedReferenceIsTheCommandsOwnHelp() throws IOException {
        assertTrue(Files.isRegularFile(COMMITTED), "docs/cli-reference.md is missing: run `make docs`");
        assertEquals(CliReference.markdown(), Files.readString(COMMITTED), "docs/cli-reference.md is out of date: run `make docs`");
    }

    @Test
    void everyVisibleVerbIsThereAndNoHiddenOne() {
        String reference = CliReference.markdown();
        for (String verb : new String[] {"hosts up", "hosts ls", "hosts down", "labs", "deploy", "run", "runs", "show", "report", "serve",
            "inspect", "destroy"}) {
            assertTrue(reference.contains("\n## `swarmlab " + verb + "`\n"), verb + " has no section");
        }
        assertFalse(reference.contains("warm-up"), "a hidden verb stays out of the reference");
        assertFalse(reference.contains("--logging-to-file"), "a hidden option stays out of the reference");
        assertTrue(reference.contains("Usage: swarmlab run "), "the sections hold the usage text itself");
    }
}
