package dev.swarmlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files that may hold secrets or a lab's results: created readable by their owner only (0600), in a folder only its owner enters (0700). */
public final class StateFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private StateFiles() {
    }

    /** Makes the folder (and its parents) if needed, and makes it 0700. */
    public static Path privateFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, OWNER_FOLDER);
            return folder;
        } catch (IOException | UnsupportedOperationException e) {
            throw new SwarmlabException("cannot make " + folder + " private (0700): " + e.getMessage(), "check that you own it");
        }
    }

    /** Makes the folder 0700 if it does not exist yet (its parents as the umask says); one that exists is left as it is. */
    public static Path newFolder(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder.toAbsolutePath().getParent());
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
            }
            return folder;
        } catch (IOException | UnsupportedOperationException e) {
            throw new SwarmlabException("cannot make " + folder + ": " + e.getMessage(), "check that its parent is writable");
        }
    }

    /** Writes the text to the file, which is 0600 before anything is in it. */
    public static void writePrivate(Path file, String text) {
        try {
            privateFolder(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            }
            Files.setPosixFilePermissions(file, OWNER_FILE);
            Files.writeString(file, text);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), "check that its folder is yours and writable");
        }
    }
}
