package dev.swarmlab.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.swarmlab.StateFiles;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A lab's state folder (.swarmlab/LAB/ under the working directory, or $SWARMLAB_STATE/LAB):
 * the swarm it created, the journal written before every change, the last preflight findings.
 */
public final class LabState {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String RUNS = "runs.db";
    private final Path dir;

    public LabState(Path dir) {
        this.dir = dir;
    }

    public static LabState of(String labName) {
        return of(root(), labName);
    }

    public static LabState of(Path root, String labName) {
        return new LabState(root.resolve(labName));
    }

    /** The folder holding every lab's state folder. */
    public static Path root() {
        return Path.of(System.getenv().getOrDefault("SWARMLAB_STATE", ".swarmlab")).toAbsolutePath().normalize();
    }

    /** The state folders of every lab that has recorded runs, by name. */
    public static List<LabState> withRuns() {
        return withRuns(root());
    }

    /** The same, under another state root. */
    public static List<LabState> withRuns(Path root) {
        try (var dirs = Files.list(root)) {
            return dirs.filter(d -> Files.exists(d.resolve(RUNS))).sorted().map(LabState::new).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new SwarmlabException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** The lab's run database. */
    public Path runs() {
        return dir.resolve(RUNS);
    }

    public Path dir() {
        return dir;
    }

    /** The id of the swarm this lab initialised, if it did. */
    public Optional<String> clusterId() {
        return Optional.ofNullable(read().get("clusterId")).map(Object::toString);
    }

    public void recordCluster(String clusterId) {
        Map<String, Object> state = read();
        state.put("clusterId", clusterId);
        write(dir.resolve("state.json"), state);
    }

    public void forgetCluster() {
        Map<String, Object> state = read();
        state.remove("clusterId");
        write(dir.resolve("state.json"), state);
    }

    /** Appends one line to the journal: written before a change starts and again when it ends. */
    public synchronized void journal(String host, String action, String phase, String detail) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("host", host);
        line.put("action", action);
        line.put("phase", phase);
        if (detail != null) {
            line.put("detail", detail);
        }
        try {
            StateFiles.newFolder(dir.getParent());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("journal.jsonl"), new ObjectMapper().writeValueAsString(line) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SwarmlabException("cannot write the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether the journal says this action was done on the host (e.g. JoinSwarm: the host joined the lab's swarm). */
    public boolean journalled(String host, String action) {
        Path file = dir.resolve("journal.jsonl");
        if (!Files.exists(file)) {
            return false;
        }
        try (var lines = Files.lines(file)) {
            ObjectMapper json = new ObjectMapper();
            return lines.anyMatch(line -> {
                try {
                    var entry = json.readTree(line);
                    return host.equals(entry.path("host").asText()) && action.equals(entry.path("action").asText())
                            && "done".equals(entry.path("phase").asText());
                } catch (IOException e) {
                    return false; // a line cut short by a crash
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new SwarmlabException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the host took part in a swarm this lab formed (initialised it or joined it), as the journal says. */
    public boolean formedSwarmOn(String host) {
        return journalled(host, "InitSwarm") || journalled(host, "JoinSwarm");
    }

    /** The hosts whose changes by a lab step (MTU, cut) are recorded and not yet put back. */
    public Set<String> changedHosts() {
        Path file = dir.resolve("host-changes.json");
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            Set<String> hosts = new TreeSet<>();
            JSON.readTree(file.toFile()).fieldNames().forEachRemaining(hosts::add);
            return hosts;
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void writeJson(String name, Object value) {
        write(dir.resolve(name), value);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read() {
        try {
            return JSON.readValue(Files.readString(dir.resolve("state.json")), LinkedHashMap.class);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + dir.resolve("state.json") + ": " + e.getMessage(),
                    "delete the file if it is damaged; destroy finds the lab's resources by label", List.of(), e);
        }
    }

    private void write(Path file, Object value) {
        try {
            StateFiles.newFolder(dir.getParent());
            Files.createDirectories(dir);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, JSON.writeValueAsString(value));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
