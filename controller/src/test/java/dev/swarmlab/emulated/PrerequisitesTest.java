package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Subnet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {
    private static final String ROUTES = """
            [{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]},
             {"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.2","flags":[]},
             {"dst":"10.250.0.0/24","dev":"sl-br","protocol":"kernel","scope":"link","flags":[]},
             {"type":"local","dst":"10.9.0.1","table":"local","dev":"lo","flags":[]},
             {"dst":"10.96.0.0/12","dev":"vpn0","flags":[]}]
            """;

    private final FakeCommands commands = new FakeCommands().answer("ip -j -4 route", 0, ROUTES);
    private final Prerequisites prerequisites = new Prerequisites(commands);

    @Test
    void aSubnetOverlappingAnotherRouteIsRefusedNamingTheRoute() {
        SwarmlabException error = assertThrows(SwarmlabException.class,
                () -> prerequisites.requireFreeSubnet(Subnet.parse("10.100.0.0/16"), "sl-br"));
        assertEquals("underlay subnet 10.100.0.0/16 clashes with the route 10.96.0.0/12 via vpn0 on this machine", error.getMessage());
        assertTrue(error.remedy().contains("--subnet"));
    }

    @Test
    void theSetsOwnBridgeRouteAndLocalRoutesDoNotCount() {
        assertDoesNotThrow(() -> prerequisites.requireFreeSubnet(Subnet.parse("10.250.0.0/24"), "sl-br"));
        assertDoesNotThrow(() -> prerequisites.requireFreeSubnet(Subnet.parse("10.9.0.0/24"), "sl-br"));
    }

    @Test
    void anotherSetsBridgeDoesClash() {
        assertThrows(SwarmlabException.class, () -> prerequisites.requireFreeSubnet(Subnet.parse("10.250.0.0/24"), "it-br"));
    }

    @Test
    void aKernelWithoutVxlanIsReportedAndTheScratchNamespaceRemoved() {
        FakeCommands noVxlan = new FakeCommands().answer("ip -n t-vxcheck link add", 2, "");
        SwarmlabException error = assertThrows(SwarmlabException.class,
                () -> new Prerequisites(noVxlan).requireVxlan(new HostSet(Path.of("/nonexistent"), "t")));
        assertTrue(error.getMessage().startsWith("this kernel cannot create VXLAN devices"), error.getMessage());
        assertEquals("ip netns del t-vxcheck", noVxlan.calls.get(noVxlan.calls.size() - 1));
    }
}
