package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.deploy.Finding;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The judge says where it does not know: a host whose engine is outside those its rules cover. */
class UnjudgedEngineTest {
    @Test
    void anEngineOutsideTheRulesIsSaid() {
        assertEquals(Optional.empty(), LabRun.unjudgedEngine("h1", "20.10.24+dfsg1"));
        assertEquals(Optional.empty(), LabRun.unjudgedEngine("h2", "26.1.5+dfsg1"));
        assertEquals(Optional.empty(), LabRun.unjudgedEngine("h3", "28.5.2+dfsg4"));
        assertEquals(Optional.empty(), LabRun.unjudgedEngine("h2", ""), "an engine that did not answer is no engine to warn of");
        Finding next = LabRun.unjudgedEngine("h3", "29.1.0").orElseThrow();
        assertEquals(Finding.Status.WARN, next.status());
        assertEquals("h3", next.host());
        assertTrue(next.evidence().startsWith("Docker 29.1.0 is outside the engines the rules cover (20.10 to 28.x"), next.evidence());
        assertTrue(next.evidence().endsWith("the cells from and to h3 are not judged"), next.evidence());
        assertTrue(LabRun.unjudgedEngine("h1", "19.03.15").isPresent(), "older than the rules, too");
    }
}
