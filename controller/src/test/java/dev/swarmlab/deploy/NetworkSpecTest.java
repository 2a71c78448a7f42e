package dev.swarmlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.Each;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.NetworkRequest;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.TestLabs;
import dev.swarmlab.net.Subnet;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A macvlan network spans hosts on one segment: each host gets its parent interface and a slice of the subnet of its own. */
class NetworkSpecTest {
    @TempDir
    Path dir;

    @Test
    void eachHostHandsOutAddressesFromItsOwnSliceOnItsOwnUnderlay() throws Exception {
        Lab lab = TestLabs.read(dir, "name: mv\nhosts: local:3\nnetworks: [{name: seg, driver: macvlan, subnet: 10.107.0.0/24}]\n"
                + "agents: {networks: [seg]}\n");
        List<NetworkRequest> requests = List.of(0, 1, 2).stream()
                .map(i -> NetworkSpec.macvlan(lab, lab.network("seg").orElseThrow(), "eth" + i, i, 3)).toList();
        assertEquals(List.of(Optional.of("10.107.0.64/26"), Optional.of("10.107.0.128/26"), Optional.of("10.107.0.192/26")),
                requests.stream().map(NetworkRequest::ipRange).toList(), "slice 0 (the gateway's, .1) is no host's");
        assertEquals(List.of("eth0", "eth1", "eth2"), requests.stream().map(r -> r.options().get("parent")).toList());
        assertTrue(Each.all(requests.stream(), r -> r.subnet().equals(Optional.of("10.107.0.0/24")) && r.driver().equals("macvlan")));
    }

    @Test
    void slicesAreTheFewestThatFitAndATooSmallSubnetIsSaidSo() {
        Subnet subnet = Subnet.parse("10.107.0.0/24");
        assertEquals("10.107.0.128/25", NetworkSpec.slice(subnet, 0, 1).toString());
        assertEquals("10.107.0.224/27", NetworkSpec.slice(subnet, 6, 7).toString());
        assertEquals("10.107.0.16/28", NetworkSpec.slice(subnet, 0, 8).toString());
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> NetworkSpec.slice(Subnet.parse("10.107.0.0/29"), 0, 2));
        assertTrue(e.getMessage().contains("too small to give each of 2 hosts a slice"), e.getMessage());
    }
}
