package dev.swarmlab.lab;

import dev.swarmlab.NotFoundException;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lab files of a folder (labs/ by default), each read or with the problem reading it, and its doc beside it (NAME.md). */
public final class LabCatalog {
    /** One lab file: the lab, or why it could not be read; and its doc, where there is one. */
    public record Entry(Path file, Optional<Lab> lab, Optional<String> problem, Optional<Path> doc) {
        public String name() {
            return lab.map(Lab::name).orElse(file.getFileName().toString().replaceFirst("\\.yaml$", ""));
        }
    }

    private final Path dir;
    private final List<Entry> entries;

    private LabCatalog(Path dir, List<Entry> entries) {
        this.dir = dir;
        this.entries = List.copyOf(entries);
    }

    /** Every *.yaml in the folder, by name; an empty catalog when the folder does not exist. */
    public static LabCatalog of(Path dir) {
        List<Entry> entries = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    Path doc = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.yaml$", ".md"));
                    Optional<Path> hasDoc = Optional.of(doc).filter(Files::isRegularFile);
                    try {
                        entries.add(new Entry(file, Optional.of(LabFile.read(file)), Optional.empty(), hasDoc));
                    } catch (SwarmlabException e) {
                        entries.add(new Entry(file, Optional.empty(), Optional.of(e.getMessage()), hasDoc));
                    }
                }
            } catch (IOException e) {
                throw new SwarmlabException("cannot list the labs in " + dir + ": " + e.getMessage(), "check the folder", List.of(), e);
            }
        }
        return new LabCatalog(dir, entries);
    }

    public Path dir() {
        return dir;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The labs that read; throws, naming every broken file, if any does not. */
    public List<Lab> labs() {
        List<Entry> broken = entries.stream().filter(e -> e.problem().isPresent()).toList();
        if (!broken.isEmpty()) {
            throw new SwarmlabException(broken.size() + " lab file(s) in " + dir + " cannot be read", "fix them (the problems above)",
                    broken.stream().map(e -> e.file() + ": " + e.problem().get()).toList(), null);
        }
        return entries.stream().map(e -> e.lab().orElseThrow()).toList();
    }

    /** The lab of that name. */
    public Lab lab(String name) {
        return entries.stream().flatMap(e -> e.lab().stream()).filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("no lab " + name + " in " + dir, "`swarmlab labs` (GET /api/labs) lists the labs"));
    }
}
