package dev.swarmlab.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An exec's output frames: stdout cut into lines as they arrive, stderr kept (its tail) for messages. */
final class ExecFrames extends ResultCallback.Adapter<Frame> {
    private static final int STDERR_LIMIT = 8192;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder stderr = new StringBuilder();
    private volatile Throwable failure;

    ExecFrames(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void onNext(Frame frame) {
        if (frame.getStreamType() == StreamType.STDERR) {
            synchronized (stderr) {
                stderr.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                if (stderr.length() > STDERR_LIMIT) {
                    stderr.delete(0, stderr.length() - STDERR_LIMIT);
                }
            }
            return;
        }
        synchronized (partial) {
            for (byte b : frame.getPayload()) {
                if (b == '\n') {
                    lines.accept(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                } else {
                    partial.write(b);
                }
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        super.onError(throwable);
    }

    /** Passes on a last line that had no newline. */
    void finish() {
        synchronized (partial) {
            if (partial.size() > 0) {
                lines.accept(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
        }
    }

    Throwable failure() {
        return failure;
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString().strip();
        }
    }
}
