package dev.swarmlab.emulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Debian suite's root filesystem, built once by {@link SuiteTrees}: where it lies, and what it
 * holds (the versions of the packages debootstrap put in; no engine: each host's is provisioned). Emulated
 * hosts of the suite mount it read-only as the lower layer of their own root.
 */
public record SuiteTree(String suite, Path dir, String built, Map<String, String> packages) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MANIFEST = ".swarmlab-tree.json";

    public SuiteTree {
        packages = Map.copyOf(packages);
    }

    static Optional<SuiteTree> read(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        try {
            return Optional.of(JSON.readValue(Files.readString(manifest), SuiteTree.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + manifest + ": " + e.getMessage(),
                    "remove " + dir + " and let `swarmlab hosts up` build the tree again", List.of(), e);
        }
    }

    /** Writes the manifest into the folder the tree is being built in (it names the folder it will have). */
    void write(Path into) throws IOException {
        Files.writeString(into.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }
}
