package dev.swarmlab.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The agent image: its tag (swarmlab/agent:CONTENT-HASH) and the `docker load` archive that holds it. */
public record AgentImage(String tag, Path archive, long bytes) {
    /** The agent's command line inside the image; exec needs it spelled out, as exec ignores the entrypoint. */
    /**
     * Small and quick rather than fast: one GC thread, the quick compiler only (one thread, a small
     * code cache), a heap that starts at 1 MB and gives memory back, no perf-data file. An idle
     * agent stays near 23 MiB; a probe batch never needs more than a few MB of heap.
     */
    public static final List<String> ENTRYPOINT = List.of("/" + AgentImageBuilder.RUNTIME + "/bin/java", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=8m", "-Xss256k", "-XX:MaxRAM=64m", "-Xms1m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:-UsePerfData", "-cp", "/" + AgentImageBuilder.RUNTIME + "/app/"
                    + AgentImageBuilder.JARS.get(0) + ":/" + AgentImageBuilder.RUNTIME + "/app/" + AgentImageBuilder.JARS.get(1),
            "dev.swarmlab.agent.AgentMain");

    /** `agent ARGS...` as an exec command. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(ENTRYPOINT);
        command.addAll(List.of(args));
        return command;
    }
}
