package dev.swarmlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks shared by every swarmlab process on this machine (the CLI's and the page's server): one per
 * lab while it is deployed, run or destroyed, one per host while a step changes it (MTU, cut). Each
 * is an OS file lock, so a holder that died holds nothing; the file says who holds it (pid, command,
 * since when), and a refusal names them.
 */
public final class Locks {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Locks this process holds, so that its own threads are refused too (an OS lock is the process's, not a thread's). */
    private static final Map<String, Holder> HERE = new ConcurrentHashMap<>();

    private Locks() {
    }

    /** Who holds a lock: the process, its command line, since when, and what for. */
    public record Holder(long pid, String command, String since, String what) {
        @Override
        public String toString() {
            return "pid " + pid + " (" + command + ") since " + since + (what.isEmpty() ? "" : ", for " + what);
        }
    }

    /** A lock held; closing it lets it go. */
    public static final class Held implements AutoCloseable {
        private final String key;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(String key, FileChannel channel, FileLock lock) {
            this.key = key;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel lets the OS lock go in any case
            } finally {
                HERE.remove(key);
            }
        }
    }

    /** Several locks held together, let go together. */
    public static final class All implements AutoCloseable {
        private final List<Held> held;

        private All(List<Held> held) {
            this.held = held;
        }

        @Override
        public void close() {
            held.forEach(Held::close);
        }
    }

    /** The lab's lock: one deploy, run or destroy of it at a time. */
    public static Held lab(String lab, String what) {
        return acquire("lab-" + lab, "lab " + lab, what);
    }

    /** The locks of these hosts, taken in one order (so two takers never wait on each other), for steps that change them. */
    public static All hosts(List<String> addresses, String what) {
        List<Held> held = new ArrayList<>();
        try {
            for (String address : addresses.stream().distinct().sorted().toList()) {
                held.add(acquire("host-" + address, "host " + address, what));
            }
            return new All(held);
        } catch (RuntimeException e) {
            held.forEach(Held::close);
            throw e;
        }
    }

    /** Where the lock files are: the property swarmlab.locks or $SWARMLAB_LOCKS, else /run/swarmlab/locks (root), else one under the temporary folder. */
    public static Path folder() {
        String configured = System.getProperty("swarmlab.locks", System.getenv("SWARMLAB_LOCKS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path run = Path.of("/run");
        return Files.isDirectory(run) && Files.isWritable(run) ? run.resolve("swarmlab").resolve("locks")
                : Path.of(System.getProperty("java.io.tmpdir"), "swarmlab-locks-" + System.getProperty("user.name"));
    }

    private static Held acquire(String key, String subject, String what) {
        Holder here = HERE.get(key);
        if (here != null) {
            throw busy(subject, here);
        }
        Path file = folder().resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                Holder holder = read(channel);
                channel.close();
                throw busy(subject, holder);
            }
            Holder me = new Holder(ProcessHandle.current().pid(), command(), Instant.now().toString(), what);
            if (HERE.putIfAbsent(key, me) != null) {
                lock.release();
                channel.close();
                throw busy(subject, HERE.get(key));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(me)), 0);
            channel.force(false);
            return new Held(key, channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw busy(subject, HERE.getOrDefault(key, new Holder(ProcessHandle.current().pid(), command(), "?", "this process")));
        } catch (IOException e) {
            close(channel);
            throw new SwarmlabException("cannot take the lock " + file + ": " + e.getMessage(),
                    "check that " + file.getParent() + " is writable, or point $SWARMLAB_LOCKS at a folder that is");
        }
    }

    private static Holder read(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
            channel.read(buffer, 0);
            JsonNode json = JSON.readTree(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
            return new Holder(json.path("pid").asLong(), json.path("command").asText("?"), json.path("since").asText("?"),
                    json.path("what").asText(""));
        } catch (IOException e) {
            return new Holder(-1, "a process that has not said who it is yet", "?", "");
        }
    }

    private static SwarmlabException busy(String subject, Holder holder) {
        return new BusyException(subject + " is in use: held by " + holder,
                "wait until it is over, or stop that process (kill " + holder.pid() + "); a lock whose holder died is free");
    }

    /** This process's command line as a user would type it: `swarmlab` and the arguments after the jar. */
    private static String command() {
        List<String> args = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        int jar = args.indexOf("-jar");
        List<String> own = jar >= 0 && jar + 2 <= args.size() ? args.subList(jar + 2, args.size()) : args;
        return ("swarmlab " + String.join(" ", own)).strip();
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel
            }
        }
    }
}
