package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.EngineInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** `hosts up --suite` as a user writes it, and what `hosts ls` makes of an engine's firewall. */
class SuiteChoiceTest {
    @Test
    void oneSuiteForEveryHost() {
        SuiteChoice choice = SuiteChoice.parse("sid");
        assertEquals(Optional.of(Suite.SID), choice.forHost("h7"));
        assertTrue(choice.names("h7"));
    }

    @Test
    void onePerHostAndTheOthersKeepThisMachinesRoot() {
        SuiteChoice choice = SuiteChoice.parse("h1=bookworm, h3=SID");
        assertEquals(Optional.of(Suite.BOOKWORM), choice.forHost("h1"));
        assertEquals(Optional.empty(), choice.forHost("h2"));
        assertFalse(choice.names("h2"));
        assertEquals(Optional.of(Suite.SID), choice.forHost("h3"));
        SwarmlabException outside = assertThrows(SwarmlabException.class, () -> choice.requireWithin(2));
        assertTrue(outside.getMessage().contains("names h3, but --count 2"), outside.getMessage());
    }

    /** --engine picks the suite that ships the version, and asks that version again when the host is provisioned. */
    @Test
    void anEngineVersionPicksTheSuiteThatShipsIt() {
        SuiteChoice one = SuiteChoice.forEngines("28.5");
        assertEquals(Optional.of(Suite.SID), one.forHost("h2"));
        assertEquals(Optional.of("28.5"), one.engines().all(), "the version is asked again when provisioning");
        SuiteChoice each = SuiteChoice.forEngines("h1=20.10,h2=26.1.5,h3=sid");
        assertEquals(Optional.of(Suite.BOOKWORM), each.forHost("h1"));
        assertEquals(Optional.of(Suite.TRIXIE), each.forHost("h2"));
        assertEquals(Optional.of(Suite.SID), each.forHost("h3"));
        assertEquals(Optional.empty(), each.forHost("h4"));
        SwarmlabException none = assertThrows(SwarmlabException.class, () -> SuiteChoice.forEngines("27.3"));
        assertTrue(none.getMessage().contains("no Debian suite swarmlab builds hosts of ships Docker 27.3"), none.getMessage());
        assertTrue(none.remedy().contains("bookworm 20.10.24, trixie 26.1.5, sid 28.5.2"), none.remedy());
        assertThrows(SwarmlabException.class, () -> SuiteChoice.forEngines("2"), "20.10 does not start with 2.");
        assertThrows(SwarmlabException.class, () -> SuiteChoice.forEngines("web=28.5"));
    }

    @Test
    void badSuitesAndPairsAreRefusedNamingWhatIsAllowed() {
        SwarmlabException suite = assertThrows(SwarmlabException.class, () -> SuiteChoice.parse("h1=jammy"));
        assertTrue(suite.getMessage().contains("'jammy' is not a Debian suite"), suite.getMessage());
        assertTrue(suite.remedy().contains("bookworm (docker.io 20.10.24), trixie (docker.io 26.1.5), sid"), suite.remedy());
        SwarmlabException pair = assertThrows(SwarmlabException.class, () -> SuiteChoice.parse("h1=sid,trixie"));
        assertTrue(pair.getMessage().contains("'trixie' is not HOST=SUITE"), pair.getMessage());
        SwarmlabException twice = assertThrows(SwarmlabException.class, () -> SuiteChoice.parse("h1=sid,h1=trixie"));
        assertTrue(twice.getMessage().contains("h1 is given twice"), twice.getMessage());
    }

    @Test
    void theFirewallIsDockersBackendWithTheHostsIptables() {
        EngineInfo old = new EngineInfo("h1", "20.10.24", "inactive", "", false, "", "", "6.1", "Debian", "1.41", "");
        EngineInfo nft = new EngineInfo("h3", "29.0.0", "inactive", "", false, "", "", "6.1", "Debian", "1.52", "nftables");
        assertEquals("iptables (nf_tables)", HostStatus.firewall(old, "iptables v1.8.9 (nf_tables)"));
        assertEquals("iptables", HostStatus.firewall(old, ""));
        assertEquals("nftables", HostStatus.firewall(nft, "iptables v1.8.13 (nf_tables)"));
    }
}
