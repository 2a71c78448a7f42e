package dev.swarmlab.emulated;

import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** This machine's mounts below a folder, unmounted before the folder is removed (never delete through a mount). */
final class Mounts {
    private Mounts() {
    }

    /** Lazily unmounts every mount point of this namespace at or below the folder, deepest first. */
    static void unmountUnder(Commands commands, Path dir) {
        String root = dir.toAbsolutePath().normalize().toString();
        points().stream().filter(point -> point.equals(root) || point.startsWith(root + "/"))
                .sorted(Comparator.reverseOrder())
                .forEach(point -> commands.must("umount", "-l", point));
    }

    static List<String> points() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4].replace("\\040", " "))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
