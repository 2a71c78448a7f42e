package dev.swarmlab.system;

import java.nio.file.Path;

/**
 * Runs programs on this machine. The emulated-hosts code talks to the kernel only through
 * this interface (ip, iptables, nsenter, ssh-keygen...), so tests can fake it.
 */
public interface Commands {
    /** Runs the command to completion or its deadline; never throws for a non-zero exit. */
    CommandResult run(Command command);

    /**
     * Starts a long-lived program in its own session, detached from this process (it outlives
     * the controller and is not hit by the terminal's Ctrl-C), appending its output to the log.
     */
    void spawn(Command command, Path log);

    default CommandResult run(String... argv) {
        return run(Command.of(argv));
    }

    /** Runs the command and throws a {@link dev.swarmlab.SwarmlabException} with its stderr if it fails. */
    default CommandResult must(String... argv) {
        return run(Command.of(argv)).orThrow();
    }
}
