package dev.swarmlab.image;

import java.nio.file.Path;

/** The agent image: its tag (swarmlab/agent:CONTENT-HASH) and the `docker load` archive that holds it. */
public record AgentImage(String tag, Path archive, long bytes) {
}
