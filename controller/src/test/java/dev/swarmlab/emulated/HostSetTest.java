package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Subnet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSetTest {
    @Test
    void everyNameCarriesThePrefixAndFitsALinuxInterfaceName() {
        HostSet set = new HostSet(Path.of("/var/lib/swarmlab"), "lab1234");
        assertEquals("lab1234-h250", set.netns("h250"));
        assertTrue(set.netns("h250").length() <= 15, "IFNAMSIZ is 16 with the terminating zero");
        assertEquals("lab1234-br", set.bridge());
        assertEquals(Path.of("/var/lib/swarmlab/lab1234/hosts/h2/run/docker.sock"), set.paths("h2").dockerSocket());
        assertEquals("swarmlab:lab1234", set.ruleComment());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Lab", "1lab", "toolongx", "a-b"})
    void refusesPrefixesThatWouldBreakInterfaceNames(String prefix) {
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> new HostSet(Path.of("/x"), prefix));
        assertTrue(error.getMessage().startsWith("prefix '" + prefix + "' is not allowed"), error.getMessage());
    }

    @Test
    void underlayAddressesAreStableAndBounded() {
        Underlay underlay = new Underlay(Subnet.parse("10.250.0.0/24"));
        assertEquals("10.250.0.1", underlay.gateway());
        assertEquals("10.250.0.11", underlay.address(1));
        assertEquals("10.250.0.13/24", underlay.cidr(3));
        assertEquals(244, underlay.maxHosts());
        Underlay small = new Underlay(Subnet.parse("10.250.0.0/28"));
        assertEquals(4, small.maxHosts());
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> small.checkRoomFor(5));
        assertEquals("underlay 10.250.0.0/28 has room for 4 hosts, not 5", error.getMessage());
    }
}
