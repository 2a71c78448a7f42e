package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Engines as Debian's packages and Docker's own builds report them. */
class EngineTest {
    @Test
    void versionsAsHostsReportThem() {
        Engine sid = Engine.parse("28.5.2+dfsg4").orElseThrow();
        assertEquals(28, sid.major());
        assertEquals(5, sid.minor());
        assertEquals("28.5.2+dfsg4", sid.reported());
        assertEquals(20, Engine.parse("v20.10.24").orElseThrow().major());
        assertEquals(Optional.empty(), Engine.parse(""));
        assertEquals(Optional.empty(), Engine.parse("unknown"));
    }

    @Test
    void theRulesCoverTwentyTenToTwentyEight() {
        assertTrue(Engine.parse("20.10.24+dfsg1").orElseThrow().judged());
        assertTrue(Engine.parse("26.1.5+dfsg1").orElseThrow().judged());
        assertTrue(Engine.parse("28.99.0").orElseThrow().judged());
        assertFalse(Engine.parse("29.0.0").orElseThrow().judged());
        assertFalse(Engine.parse("20.9.0").orElseThrow().judged());
        assertFalse(Engine.parse("19.03.15").orElseThrow().judged());
        assertTrue(Engine.parse("25.0.0").orElseThrow().atLeast(Engine.INTERNAL_NO_ROUTE));
        assertFalse(Engine.parse("24.0.9").orElseThrow().atLeast(Engine.INTERNAL_NO_ROUTE));
    }
}
