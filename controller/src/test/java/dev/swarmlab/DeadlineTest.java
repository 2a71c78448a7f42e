package dev.swarmlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    @Test
    void returnsTheFirstValueOnceItComes() {
        AtomicInteger tries = new AtomicInteger();
        String value = Deadline.in(Duration.ofSeconds(5), "the third try")
                .await(() -> tries.incrementAndGet() < 3 ? null : "done", Duration.ofMillis(1));
        assertEquals("done", value);
        assertEquals(3, tries.get());
    }

    @Test
    void aTimeoutSaysWhatWasAwaitedAndTheLastFailure() {
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> Deadline.in(Duration.ofMillis(30), "h1's dockerd to answer")
                .await(() -> {
                    throw new SwarmlabException("connection refused");
                }, Duration.ofMillis(5)));
        assertEquals("timed out after 30 ms waiting for h1's dockerd to answer (last attempt: connection refused)", error.getMessage());
        assertTrue(error.getCause() instanceof SwarmlabException);
    }
}
