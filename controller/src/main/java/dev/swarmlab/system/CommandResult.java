package dev.swarmlab.system;

import dev.swarmlab.SwarmlabException;
import java.util.List;

/** What a finished command left: exit code and both streams. */
public record CommandResult(Command command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** Returns this result if the command succeeded; otherwise fails with its stderr as evidence. */
    public CommandResult orThrow() {
        if (ok()) {
            return this;
        }
        String detail = stderr.isBlank() ? stdout.strip() : stderr.strip();
        return failWith("`" + command + "` failed (exit " + exitCode + ")" + (detail.isEmpty() ? "" : ": " + firstLine(detail)),
                detail);
    }

    private CommandResult failWith(String message, String detail) {
        throw new SwarmlabException(message, null, detail.isEmpty() ? List.of() : detail.lines().toList(), null);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
