package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.inventory.InventoryFile;
import dev.swarmlab.ssh.Ssh;
import dev.swarmlab.ssh.SshSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the integration tests of runs share: a controller in a process of its own, its planned run, a run's report, a host's shell. */
final class Controllers {
    private static final Pattern PLANNED = Pattern.compile("^run (\\S+): (\\d+) probe cells$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Controllers() {
    }

    /** `swarmlab ARGS` as a process of its own (so that it can be killed), its output merged. */
    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target/swarmlab.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads a run's output up to the line that says how many cells it planned; returns the run's id. */
    static String awaitPlanned(BufferedReader out) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = PLANNED.matcher(line);
            if (m.matches()) {
                return m.group(1);
            }
        }
        throw new AssertionError("the run never planned its cells:\n" + seen);
    }

    /** `swarmlab show RUN --json`. */
    static JsonNode show(String runId) throws IOException {
        CliRun show = CliRun.of("show", runId, "--json");
        assertEquals(0, show.exit(), show.all());
        return JSON.readTree(show.out());
    }

    /** A command on one of the inventory's hosts, over SSH; its output. */
    static String onHost(Path inventory, String host, String command) {
        try (SshSession ssh = Ssh.connect(InventoryFile.read(inventory).host(host))) {
            return ssh.exec(command, Duration.ofSeconds(60)).orThrow().stdout();
        }
    }
}
