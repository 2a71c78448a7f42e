package dev.swarmlab.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The agent image: its tag (swarmlab/agent:CONTENT-HASH) and the `docker load` archive that holds it. */
public record AgentImage(String tag, Path archive, long bytes) {
    /** The agent's command line inside the image; exec needs it spelled out, as exec ignores the entrypoint. */
    public static final List<String> ENTRYPOINT = List.of("/" + AgentImageBuilder.RUNTIME + "/bin/java", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:MaxRAM=256m", "-cp", "/" + AgentImageBuilder.RUNTIME + "/app/"
                    + AgentImageBuilder.JARS.get(0) + ":/" + AgentImageBuilder.RUNTIME + "/app/" + AgentImageBuilder.JARS.get(1),
            "dev.swarmlab.agent.AgentMain");

    /** `agent ARGS...` as an exec command. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(ENTRYPOINT);
        command.addAll(List.of(args));
        return command;
    }
}
