package dev.swarmlab.docker;

import dev.swarmlab.SwarmlabException;

/** The daemon answered and said no (a network still in use, a port taken, a name unknown): its own words are the message. */
public class DockerRefusal extends SwarmlabException {
    private final String said;

    public DockerRefusal(String message, String said, Throwable cause) {
        super(message, cause);
        this.said = said;
    }

    /** The daemon's own words, e.g. "error while removing network: network busy id 3f2a... has active endpoints". */
    public String said() {
        return said;
    }
}
