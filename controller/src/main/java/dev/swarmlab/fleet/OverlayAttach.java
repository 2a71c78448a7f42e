package dev.swarmlab.fleet;

import dev.swarmlab.SwarmlabException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A container run on an attachable overlay asks the swarm for an attachment, and Docker gives up after 20 s with "attaching
 * to network failed ... context deadline exceeded" where the swarm never answered (moby/moby#41841; seen now and then in CI,
 * on a manager right after its swarm formed, and not in a hundred deploys in a row by hand). The
 * attachment is then withdrawn and the container removed ({@code runContainer}), so the run is tried once more, said
 * in the progress and the journal; a second timeout is the error, with the remedy of forming a new swarm.
 */
final class OverlayAttach {
    private OverlayAttach() {
    }

    /** Docker's own words for an overlay attachment its swarm never gave. */
    static boolean timedOut(SwarmlabException e) {
        return e.getMessage() != null && e.getMessage().contains("attaching to network failed");
    }

    /** Runs the container; after an attachment timeout, tells {@code said} so and runs it once more. */
    static String run(Supplier<String> run, Consumer<String> said) {
        try {
            return run.get();
        } catch (SwarmlabException e) {
            if (!timedOut(e)) {
                throw e;
            }
            said.accept(e.getMessage());
            return run.get();
        }
    }
}
