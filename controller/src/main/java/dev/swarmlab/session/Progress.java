package dev.swarmlab.session;

/** Where long work reports what it is doing, one line per step, tagged with the host it concerns. */
@FunctionalInterface
public interface Progress {
    Progress SILENT = (host, message) -> { };

    void step(String host, String message);
}
