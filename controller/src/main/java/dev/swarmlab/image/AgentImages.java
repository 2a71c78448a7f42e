package dev.swarmlab.image;

import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.Parallel;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Progress;
import java.time.Duration;
import java.util.List;

/** Puts the agent image on every host that lacks it, in parallel, through each host's Docker tunnel. */
public final class AgentImages {
    private static final Duration LOAD = Duration.ofMinutes(5);

    private AgentImages() {
    }

    /** Returns the hosts it loaded the image into; hosts that already have the tag are skipped. */
    public static List<String> ensure(AgentImage image, List<Connection> hosts, Progress progress) {
        List<Parallel.Outcome<Connection, Boolean>> outcomes = Parallel.each(hosts, Deadline.in(LOAD, "the agent image on every host"), c -> {
            if (c.docker().hasImage(image.tag())) {
                progress.step(c.name(), "has " + image.tag());
                return false;
            }
            long start = System.nanoTime();
            c.docker().loadImage(image.archive());
            progress.step(c.name(), "loaded " + image.tag() + " (" + image.bytes() / (1024 * 1024) + " MB) in " + Durations.since(start));
            return true;
        });
        List<Parallel.Outcome<Connection, Boolean>> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        if (!failed.isEmpty()) {
            throw Parallel.combine(failed, "image loads");
        }
        return outcomes.stream().filter(Parallel.Outcome::value).map(o -> o.key().name()).toList();
    }
}
