package dev.swarmlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run databases of this process, each opened once (its schema checked and migrated once) and shared by every
 * reader and writer: the CLI's run, the server's API, event streams and launches. A {@link RunStore}'s methods are
 * synchronized, so one connection serves them all. A database file that was removed or replaced since (a lab's
 * state folder deleted and made anew) is opened again; the process's exit closes the rest.
 */
public final class RunStores {
    private record Open(RunStore store, Optional<Object> fileKey) {
    }

    private static final Map<Path, Open> OPEN = new HashMap<>();

    private RunStores() {
    }

    /** The store of that database file, opened on first use. Callers do not close it. */
    public static synchronized RunStore shared(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Open open = OPEN.get(key);
        if (open != null && open.fileKey().isPresent() && open.fileKey().equals(fileKey(key))) {
            return open.store();
        }
        if (open != null) {
            open.store().close();
        }
        RunStore store = RunStore.open(key);
        OPEN.put(key, new Open(store, fileKey(key)));
        return store;
    }

    /** Closes every shared store (tests that remove their state folders). */
    public static synchronized void closeAll() {
        OPEN.values().forEach(open -> open.store().close());
        OPEN.clear();
    }

    /** The file's identity (device and inode), which a deleted and re-created file does not keep. */
    private static Optional<Object> fileKey(Path file) {
        try {
            return Optional.ofNullable(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
