package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.deploy.Finding;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The judge says where it does not know: a host whose engine is not the one its rules were observed on. */
class UnobservedEngineTest {
    @Test
    void anEngineTheRulesWereNotObservedOnIsSaid() {
        assertEquals(Optional.empty(), LabRun.unobservedEngine("h1", "20.10.24+dfsg1"));
        assertEquals(Optional.empty(), LabRun.unobservedEngine("h2", ""), "an engine that did not answer is no engine to warn of");
        Finding sid = LabRun.unobservedEngine("h3", "28.5.2+dfsg4").orElseThrow();
        assertEquals(Finding.Status.WARN, sid.status());
        assertEquals("h3", sid.host());
        assertTrue(sid.evidence().startsWith("Docker 28.5.2+dfsg4: the rules were observed on Engine 20.10.24"), sid.evidence());
    }
}
