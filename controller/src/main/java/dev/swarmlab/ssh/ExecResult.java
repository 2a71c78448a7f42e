package dev.swarmlab.ssh;

import dev.swarmlab.SwarmlabException;

/** What a remote command left: exit code and both streams. */
public record ExecResult(String target, String command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    public ExecResult orThrow() {
        if (ok()) {
            return this;
        }
        throw new SwarmlabException("`" + command + "` on " + target + " failed (exit " + exitCode + ")",
                null, (stderr.isBlank() ? stdout : stderr).strip().lines().toList(), null);
    }
}
