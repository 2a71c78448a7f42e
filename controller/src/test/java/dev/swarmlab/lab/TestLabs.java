package dev.swarmlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Lab files for tests: the text written into a folder (a file of its own each time) and read as `run` reads it. */
public final class TestLabs {
    private static final AtomicInteger FILES = new AtomicInteger();

    private TestLabs() {
    }

    public static Lab read(Path dir, String yaml) {
        Path file = dir.resolve("lab-" + FILES.incrementAndGet() + ".yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LabFile.read(file);
    }
}
