package dev.swarmlab.system;

import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.SwarmlabException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link Commands} through {@link ProcessBuilder}. */
public final class LocalCommands implements Commands {
    /** How long the output of an ended command may take to be read to its end. */
    private static final Duration OUTPUT = Duration.ofSeconds(10);

    /** Stream readers block, so they get their own threads rather than the common pool. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "command-output");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void spawn(Command command, Path log) {
        List<String> argv = new ArrayList<>(List.of("setsid", "--fork"));
        argv.addAll(command.argv());
        try {
            Process starter = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            if (!starter.waitFor(command.deadline().toMillis(), TimeUnit.MILLISECONDS)) {
                starter.destroyForcibly();
                throw new SwarmlabException("`setsid` did not return while starting `" + command + "`");
            }
            if (starter.exitValue() != 0) {
                throw new SwarmlabException("cannot start `" + command + "` (exit " + starter.exitValue()
                        + "); see " + log);
            }
        } catch (IOException e) {
            throw new SwarmlabException("cannot start `" + command + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmlabException("interrupted while starting `" + command + "`", e);
        }
    }
    @Override
    public CommandResult run(Command command) {
        return run(command, null);
    }

    @Override
    public CommandResult run(Command command, Consumer<String> lines) {
        Process process;
        try {
            process = new ProcessBuilder(command.argv())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new SwarmlabException("cannot run `" + command + "`: " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream(), lines);
        CompletableFuture<String> err = drain(process.getErrorStream(), null);
        try {
            if (!process.waitFor(command.deadline().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new SwarmlabException("`" + command + "` did not finish within "
                        + Durations.format(command.deadline()) + " (" + command.purpose() + ")");
            }
            // The process has ended; a child it left holding its output could still keep the pipes open.
            Deadline output = Deadline.in(OUTPUT, "the output of `" + command + "` after it ended");
            return new CommandResult(command, process.exitValue(), output.get(out), output.get(err));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SwarmlabException("interrupted while running `" + command + "`", e);
        }
    }

    /** The whole stream as text, as it came; with {@code lines}, each line is handed on as it is read. */
    private static CompletableFuture<String> drain(InputStream stream, Consumer<String> lines) {
        if (lines == null) {
            return CompletableFuture.supplyAsync(() -> {
                try (stream) {
                    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }, READERS);
        }
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder all = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    all.append(line).append('\n');
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process is gone: what was read is what there is
            }
            return all.toString();
        }, READERS);
    }
}
