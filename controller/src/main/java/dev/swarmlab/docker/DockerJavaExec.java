package dev.swarmlab.docker;

import dev.swarmlab.SwarmlabException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link ExecApi} on docker-java's typed calls: create, start with stdin attached, then the exit code. */
final class DockerJavaExec implements ExecApi {
    private final TypedApi typed;

    DockerJavaExec(TypedApi typed) {
        this.typed = typed;
    }

    @Override
    public ExecOutput exec(String container, List<String> command, byte[] stdin, Duration deadline, Consumer<String> lines) {
        String what = "exec " + String.join(" ", command) + " in " + container;
        String execId = typed.call(what, c -> c.execCreateCmd(container).withCmd(command.toArray(String[]::new))
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).exec().getId());
        ExecFrames frames = new ExecFrames(lines);
        boolean finished = typed.call(what, c -> {
            try {
                return c.execStartCmd(execId).withStdIn(new ByteArrayInputStream(stdin)).exec(frames)
                        .awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmlabException(what + " was interrupted", e);
            }
        });
        frames.finish();
        if (!finished) {
            try {
                frames.close();
            } catch (IOException e) {
                // the stream is abandoned either way
            }
            return new ExecOutput(-1, frames.stderr(), true);
        }
        if (frames.failure() != null) {
            throw new SwarmlabException("docker " + what + " on " + typed.endpoint() + " failed: " + TypedApi.describe(frames.failure()),
                    frames.failure());
        }
        Long exit = typed.call(what, c -> c.inspectExecCmd(execId).exec().getExitCodeLong());
        return new ExecOutput(exit == null ? -1 : exit, frames.stderr(), false);
    }
}
