package dev.swarmlab.system;

import java.nio.file.Path;
import java.util.function.Consumer;

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

    /**
     * Runs the command like {@link #run(Command)}, handing each line of its standard output to
     * {@code lines} as it comes (for the progress of long work); the result holds the whole output too.
     */
    default CommandResult run(Command command, Consumer<String> lines) {
        CommandResult result = run(command);
        result.stdout().lines().forEach(lines);
        return result;
    }

    default CommandResult run(String... argv) {
        return run(Command.of(argv));
    }

    /** Runs the command and throws a {@link dev.swarmlab.SwarmlabException} with its stderr if it fails. */
    default CommandResult must(String... argv) {
        return run(Command.of(argv)).orThrow();
    }
}
