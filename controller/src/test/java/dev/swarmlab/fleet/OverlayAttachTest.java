package dev.swarmlab.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.swarmlab.SwarmlabException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OverlayAttachTest {
    private static final String TIMEOUT = "docker run a on h1 failed: attaching to network failed, make sure your network options are"
            + " correct and check manager logs: context deadline exceeded";

    /** Each call gives the next answer: an id, or a failure with that message. */
    private static Supplier<String> answers(List<String> calls, String... answers) {
        Iterator<String> next = List.of(answers).iterator();
        return () -> {
            String answer = next.next();
            calls.add(answer);
            if (answer.startsWith("docker run")) {
                throw new SwarmlabException(answer);
            }
            return answer;
        };
    }

    @Test
    void anAttachmentTheSwarmNeverGaveIsSaidAndTriedOnceMore() {
        List<String> calls = new ArrayList<>();
        List<String> said = new ArrayList<>();
        assertEquals("id2", OverlayAttach.run(answers(calls, TIMEOUT, "id2"), said::add));
        assertEquals(2, calls.size());
        assertEquals(List.of(TIMEOUT), said);
    }

    @Test
    void aSecondTimeoutIsTheError() {
        List<String> calls = new ArrayList<>();
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> OverlayAttach.run(answers(calls, TIMEOUT, TIMEOUT, "id3"), w -> { }));
        assertEquals(TIMEOUT, e.getMessage());
        assertEquals(2, calls.size());
    }

    @Test
    void anyOtherFailureIsNotTriedAgain() {
        List<String> calls = new ArrayList<>();
        List<String> said = new ArrayList<>();
        String taken = "docker run a on h1 failed: Bind for 0.0.0.0:8081 failed: port is already allocated";
        assertThrows(SwarmlabException.class, () -> OverlayAttach.run(answers(calls, taken, "id2"), said::add));
        assertEquals(List.of(taken), calls);
        assertEquals(List.of(), said);
    }
}
