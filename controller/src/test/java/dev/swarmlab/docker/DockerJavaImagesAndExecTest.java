package dev.swarmlab.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerJavaImagesAndExecTest {
    private final RecordedDaemon daemon = new RecordedDaemon();

    @Test
    void anImageIsThereOrNotAndOtherFailuresAreErrors() {
        daemon.on("GET", "/images/swarmlab%2Fagent:70e95fb6ba9d/json", 200, "image-inspect.json")
                .on("GET", "/images/swarmlab%2Fagent:nope/json", 404, "image-missing.json")
                .on("GET", "/images/swarmlab%2Fagent:broken/json", 500, "swarm-join-bad-token.json");
        DockerJavaImages images = new DockerJavaImages(daemon.typed());
        assertTrue(images.hasImage("swarmlab/agent:70e95fb6ba9d"));
        assertFalse(images.hasImage("swarmlab/agent:nope"));
        assertThrows(DockerRefusal.class, () -> images.hasImage("swarmlab/agent:broken"));
    }

    @Test
    void execPassesStdinStreamsStdoutLinesAndReadsTheExitCode() throws Exception {
        daemon.on("POST", "/containers/agent/exec", 201, "exec-create.json")
                .on("POST", "/exec/73f76564d888bc8cbd0c0c8bea0dbfa5641530c8f49866d37b90c8203140fe3c/start", 200, "exec-start-env.bin")
                .on("GET", "/exec/73f76564d888bc8cbd0c0c8bea0dbfa5641530c8f49866d37b90c8203140fe3c/json", 200, "exec-inspect-env.json");
        List<String> lines = new ArrayList<>();
        ExecOutput output = new DockerJavaExec(daemon.typed()).exec("agent", List.of("agent", "env", "SWARMLAB"), "{\"probe\":1}".getBytes(),
                Duration.ofSeconds(10), lines::add);
        assertEquals(List.of("SWARMLAB_HOST=h1", "SWARMLAB_NAME=services-svc-overlay-h1-a"), lines);
        assertEquals(new ExecOutput(0, "", false), output);
        JsonNode create = RawApi.JSON.readTree(daemon.only("POST", "/containers/agent/exec").body());
        assertEquals("[\"agent\",\"env\",\"SWARMLAB\"]", create.path("Cmd").toString());
        assertTrue(create.path("AttachStdin").asBoolean());
        assertEquals("{\"probe\":1}", daemon.only("POST", "/exec/73f76564d888bc8cbd0c0c8bea0dbfa5641530c8f49866d37b90c8203140fe3c/start").stdin());
    }

    @Test
    void stderrAndAFailingExitCodeAreKept() {
        daemon.on("POST", "/containers/agent/exec", 201, "exec-create.json")
                .on("POST", "/exec/73f76564d888bc8cbd0c0c8bea0dbfa5641530c8f49866d37b90c8203140fe3c/start", 200, "exec-start-unknown.bin")
                .on("GET", "/exec/73f76564d888bc8cbd0c0c8bea0dbfa5641530c8f49866d37b90c8203140fe3c/json", 200, "exec-inspect-unknown.json");
        List<String> lines = new ArrayList<>();
        ExecOutput output = new DockerJavaExec(daemon.typed()).exec("agent", List.of("agent", "nosuch"), new byte[0], Duration.ofSeconds(10), lines::add);
        assertEquals(List.of(), lines);
        assertEquals(2, output.exitCode());
        assertTrue(output.stderr().startsWith("agent: unknown command 'nosuch'"), output.stderr());
    }
}
