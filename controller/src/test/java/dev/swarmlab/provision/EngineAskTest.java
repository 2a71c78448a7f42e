package dev.swarmlab.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineAskTest {
    private static final HostOs TRIXIE = HostOs.parse("PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nVERSION_ID=\"13\"\nVERSION_CODENAME=trixie\nID=debian\n");
    private static final List<String> ARCHIVE = List.of("26.1.5+dfsg1-9+deb13u1+b1", "26.1.4+dfsg1-1");

    @Test
    void aVersionMatchesTheStartOfTheUpstreamVersionPerHostOrForAll() {
        assertEquals("26.1.5+dfsg1-9+deb13u1+b1", EngineAsk.ARCHIVE.choose("h1", TRIXIE, ARCHIVE));
        assertEquals("26.1.4+dfsg1-1", EngineAsk.parse("26.1.4").choose("h1", TRIXIE, ARCHIVE));
        assertEquals("26.1.5+dfsg1-9+deb13u1+b1", EngineAsk.parse("h2=20.10,h1=26").choose("h1", TRIXIE, ARCHIVE));
        assertEquals("26.1.5+dfsg1-9+deb13u1+b1", EngineAsk.parse("trixie").choose("h1", TRIXIE, ARCHIVE), "the host's own suite");
        assertThrows(SwarmlabException.class, () -> EngineAsk.parse("26.10").choose("h1", TRIXIE, ARCHIVE), "26.10 is not 26.1");
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> EngineAsk.parse("sid").choose("h1", TRIXIE, ARCHIVE));
        assertTrue(e.getMessage().contains("not sid's"), e.getMessage());
    }

    @Test
    void upstreamVersionsDropTheEpochAndTheDebianParts() {
        assertEquals("20.10.24", EngineAsk.upstream("20.10.24+dfsg1-1+deb12u1+b2"));
        assertEquals("28.5.2", EngineAsk.upstream("1:28.5.2+dfsg4-5"));
        assertEquals("24.0.7", EngineAsk.upstream("24.0.7-0ubuntu4.1"));
    }

    @Test
    void aBadOptionIsRefusedWithItsForm() {
        assertTrue(assertThrows(SwarmlabException.class, () -> EngineAsk.parse("latest")).getMessage().contains("neither a Docker version"));
        assertTrue(assertThrows(SwarmlabException.class, () -> EngineAsk.parse("h1=28.5,h1=26.1")).getMessage().contains("h1 is given twice"));
        assertTrue(assertThrows(SwarmlabException.class, () -> EngineAsk.parse("=28.5")).getMessage().contains("is not HOST=VERSION"));
    }

    @Test
    void theSystemsSupportedAreDebian12And13SidAndTwoUbuntus() {
        HostOs sid = HostOs.parse("PRETTY_NAME=\"Debian GNU/Linux forky/sid\"\nVERSION_CODENAME=forky\nID=debian\n");
        assertTrue(sid.supported());
        assertEquals("sid", sid.suite());
        assertTrue(HostOs.parse("ID=ubuntu\nVERSION_ID=\"24.04\"\nVERSION_CODENAME=noble\nPRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\n").supported());
        assertTrue(!HostOs.parse("ID=ubuntu\nVERSION_ID=\"20.04\"\n").supported());
        assertTrue(!HostOs.parse("ID=debian\nVERSION_ID=\"11\"\n").supported());
    }
}
