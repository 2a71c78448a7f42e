package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoresTest {
    @TempDir
    Path dir;

    @AfterEach
    void closeThem() {
        RunStores.closeAll();
    }

    private static RunInfo run(String id) {
        return new RunInfo(id, "lab", "lab.yaml", "2026-12-03T00:00:00Z", Optional.empty(), "running", "{}", "[]", null);
    }

    @Test
    void aDatabaseIsOpenedOnceAndSharedWhateverThePathLooksLike() {
        Path file = dir.resolve("lab/runs.db");
        RunStore first = RunStores.shared(file);
        assertSame(first, RunStores.shared(dir.resolve("lab/../lab/runs.db")));
        assertSame(first, RunStores.shared(file.toAbsolutePath()));
        assertNotSame(first, RunStores.shared(dir.resolve("other/runs.db")), "another lab's database is another store");
    }

    @Test
    void aDatabaseRemovedAndMadeAnewIsOpenedAgainNotReadThroughTheOldFile() throws Exception {
        Path file = dir.resolve("lab/runs.db");
        RunStore first = RunStores.shared(file);
        first.begin(run("r1"), List.of(), List.of());
        assertTrue(first.run("r1").isPresent());
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(dir.resolve("lab/runs.db" + suffix));
        }
        try (RunStore fresh = RunStore.open(file)) {
            assertTrue(fresh.runs().isEmpty(), "the new file holds no run");
        }
        RunStore again = RunStores.shared(file);
        assertNotSame(first, again);
        assertEquals(Optional.empty(), again.run("r1"), "the shared store reads the new file");
    }
}
