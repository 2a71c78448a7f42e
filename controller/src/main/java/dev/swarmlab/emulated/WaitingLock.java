package dev.swarmlab.emulated;

import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.Progress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Work done under an OS lock on a file, waiting (with a deadline, saying so once) while another
 * swarmlab command holds it: for changes that queue rather than refuse (the hosts of a set, the suite trees).
 */
final class WaitingLock {
    private WaitingLock() {
    }

    /** holder: what the other command is doing, for the progress line and the timeout ("changing the hosts 'sl'"). */
    static <T> T around(Path file, Duration wait, String holder, Progress progress, Supplier<T> work) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                progress.step("-", "another swarmlab command is " + holder + "; waiting for it");
                Deadline deadline = Deadline.in(wait, "the other swarmlab command " + holder + " to finish (" + file + ")");
                for (lock = channel.tryLock(); lock == null; lock = channel.tryLock()) {
                    if (deadline.expired()) {
                        throw deadline.timeout();
                    }
                    deadline.pause(Duration.ofMillis(200));
                }
            }
            try {
                return work.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new SwarmlabException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }
}
