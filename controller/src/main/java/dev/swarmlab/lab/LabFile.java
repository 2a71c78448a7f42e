package dev.swarmlab.lab;

import dev.swarmlab.yaml.Problems;
import dev.swarmlab.yaml.YamlFile;
import dev.swarmlab.yaml.YamlNode;
import java.nio.file.Path;

/** Reads a lab file: the shape first ({@link RawLab}), then the meaning ({@link LabResolver}); all problems at once. */
public final class LabFile {
    private LabFile() {
    }

    public static Lab read(Path file) {
        Problems problems = new Problems();
        YamlNode root = YamlFile.read(file, problems);
        Lab lab = RawLab.read(root, problems).map(raw -> new LabResolver(file, problems).resolve(raw)).orElse(null);
        problems.throwIfAny(file, "lab");
        return lab;
    }
}
