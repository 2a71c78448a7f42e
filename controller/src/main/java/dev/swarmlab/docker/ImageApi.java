package dev.swarmlab.docker;

import java.nio.file.Path;

/** A daemon's images: swarmlab only asks whether one is there and loads its own (no registry involved). */
public interface ImageApi {
    /** Whether the daemon has an image of that name:tag. */
    boolean hasImage(String tag);

    /** Loads a `docker load` archive (sent through the tunnel). */
    void loadImage(Path archive);
}
