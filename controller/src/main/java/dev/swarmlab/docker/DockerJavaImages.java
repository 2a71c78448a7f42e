package dev.swarmlab.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link ImageApi} on docker-java's typed calls. */
final class DockerJavaImages implements ImageApi {
    private final TypedApi typed;

    DockerJavaImages(TypedApi typed) {
        this.typed = typed;
    }

    @Override
    public boolean hasImage(String tag) {
        try {
            typed.call("image inspect " + tag, c -> c.inspectImageCmd(tag).exec());
            return true;
        } catch (DockerRefusal e) {
            if (e.getCause() instanceof NotFoundException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void loadImage(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            typed.run("load " + archive.getFileName(), c -> c.loadImageCmd(in).exec());
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }
}
