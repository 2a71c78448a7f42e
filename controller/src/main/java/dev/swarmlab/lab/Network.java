package dev.swarmlab.lab;

import dev.swarmlab.net.Subnet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network of the lab: one swarmlab creates (overlay, bridge, macvlan) or one of Docker's
 * built-in networks used as it is (the default `bridge`, `host`, `none`).
 */
public record Network(String name, Driver driver, boolean builtIn, Optional<Subnet> subnet, Optional<String> gateway,
                      Optional<Subnet> ipRange, boolean attachable, boolean internal, boolean encrypted,
                      OptionalInt mtu, Map<String, String> options) {
    /** Bytes an overlay packet gains on the underlay: VXLAN, UDP, IP and inner Ethernet headers. */
    public static final int VXLAN_OVERHEAD = 50;
    /** Bytes ESP adds to an encrypted overlay's packets (SPI, sequence, IV, padding, ICV). */
    private static final int ESP_OVERHEAD = 26;

    public Network {
        options = Map.copyOf(options);
    }

    /** The same network with other driver options. */
    public Network withOptions(Map<String, String> other) {
        return new Network(name, driver, builtIn, subnet, gateway, ipRange, attachable, internal, encrypted, mtu, other);
    }

    /** The drivers a lab may name; built-in networks have their own. */
    public enum Driver {
        OVERLAY, BRIDGE, MACVLAN, HOST, NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The MTU an overlay's containers get. Docker reads an overlay's `mtu` option as the underlay's
     * (1500 by default) and takes the VXLAN header off it, and ESP's too on an encrypted overlay:
     * `mtu: 1400` gives containers 1350.
     */
    public int overlayMtu() {
        int mtu = underlayMtuNeeded() - VXLAN_OVERHEAD;
        return encrypted ? mtu - ESP_OVERHEAD - (mtu - ESP_OVERHEAD) % 4 : mtu;
    }

    /** The underlay MTU an overlay's full-size packets need, headers and all: its `mtu` option, or 1500. */
    public int underlayMtuNeeded() {
        return mtu.orElse(1500);
    }

    /** Swarm scope (one network across hosts) or local scope (one per host). */
    public boolean swarmScope() {
        return driver == Driver.OVERLAY;
    }

    /** The default bridge (docker0), as opposed to a user-defined bridge. */
    public boolean defaultBridge() {
        return builtIn && driver == Driver.BRIDGE;
    }

    public static Network builtIn(String name, Driver driver) {
        return new Network(name, driver, true, Optional.empty(), Optional.empty(), Optional.empty(), false, false, false,
                OptionalInt.empty(), Map.of());
    }
}
