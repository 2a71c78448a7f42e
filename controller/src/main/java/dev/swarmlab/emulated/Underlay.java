package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Ipv4;
import dev.swarmlab.net.Subnet;
import java.util.List;

/**
 * The network the emulated hosts share: a Linux bridge holding the gateway address (.1) and
 * host hN at .(10+N), so addresses are easy to read and stable across runs.
 */
public record Underlay(Subnet subnet) {
    public static final String DEFAULT_SUBNET = "10.250.0.0/24";
    static final int FIRST_HOST_OFFSET = 10;

    public String gateway() {
        return Ipv4.format(subnet.address(1));
    }

    public String address(int hostIndex) {
        return Ipv4.format(subnet.address(FIRST_HOST_OFFSET + hostIndex));
    }

    public int maxHosts() {
        return (int) Math.max(0, Math.min(250, subnet.usableHosts() - FIRST_HOST_OFFSET));
    }

    public void checkRoomFor(int count) {
        if (count > maxHosts()) {
            throw new SwarmlabException("underlay " + subnet + " has room for " + maxHosts() + " hosts, not " + count,
                    "choose a larger subnet with --subnet", List.of(), null);
        }
    }

    /** The outside stand-in's address: the second of the subnet, before the hosts. */
    public String outside() {
        return Ipv4.format(subnet.address(2));
    }

    public String outsideCidr() {
        return outside() + "/" + subnet.prefixLength();
    }

    public String cidr(int hostIndex) {
        return address(hostIndex) + "/" + subnet.prefixLength();
    }
}
