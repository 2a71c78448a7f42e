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

    @Test
    void badSuitesAndPairsAreRefusedNamingWhatIsAllowed() {
        SwarmlabException suite = assertThrows(SwarmlabException.class, () -> SuiteChoice.parse("h1=jammy"));
        assertTrue(suite.getMessage().contains("'jammy' is not a Debian suite"), suite.getMessage());
        assertTrue(suite.remedy().contains("bookworm, trixie, sid"), suite.remedy());
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
