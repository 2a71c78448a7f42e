package dev.swarmlab.emulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a set of emulated hosts remembers between commands: its underlay subnet. */
record SetState(String subnet) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Underlay underlay() {
        return new Underlay(Subnet.parse(subnet));
    }

    static Optional<SetState> read(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readString(file), SetState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + file + ": " + e.getMessage(),
                    "remove the damaged state with `swarmlab hosts down`", List.of(), e);
        }
    }

    void write(Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
