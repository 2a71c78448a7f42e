package dev.swarmlab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EachTest {
    @Test
    void anEmptyListIsNothingToCheckAndFailsTheTest() {
        assertThrows(AssertionError.class, () -> Each.all(Stream.empty(), x -> true));
        assertThrows(AssertionError.class, () -> Each.none(Stream.empty(), x -> false));
    }

    @Test
    void otherwiseItIsAllMatchAndNoneMatch() {
        assertTrue(Each.all(Stream.of(1, 2), x -> x > 0));
        assertFalse(Each.all(Stream.of(1, -2), x -> x > 0));
        assertTrue(Each.none(Stream.of(1, 2), x -> x < 0));
        assertFalse(Each.none(Stream.of(1, -2), x -> x < 0));
    }
}
