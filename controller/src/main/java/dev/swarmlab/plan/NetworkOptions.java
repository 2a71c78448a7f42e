package dev.swarmlab.plan;

import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Network.Driver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver options (`docker network create -o KEY=VALUE`) the model knows, per driver. An option
 * is either modelled (the rules read it) or known to change nothing a probe sees; any other option
 * leaves the cells of its network not judged, with the option named, rather than guessed at.
 * The README's list of modelled options is this table.
 */
public final class NetworkOptions {
    public static final String ICC = "com.docker.network.bridge.enable_icc";
    public static final String MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
    public static final String HOST_BINDING = "com.docker.network.bridge.host_binding_ipv4";
    public static final String MTU = "com.docker.network.driver.mtu";
    public static final String GATEWAY_MODE = "com.docker.network.bridge.gateway_mode_ipv4";
    /** The gateway modes the rules know (from Engine 28.0: docs.docker.com/engine/network/port-publishing/#gateway-modes); isolated is not observed. */
    private static final Set<String> GATEWAY_MODES = Set.of("nat", "nat-unprotected", "routed");
    /** What Docker gives a bridge unless told otherwise (by the network's options, or for the default bridge the daemon's). */
    public static final Map<String, String> BRIDGE_DEFAULTS = Map.of(ICC, "true", MASQUERADE, "true", HOST_BINDING, "0.0.0.0");

    /**
     * Per driver, each option the model takes into account and how (docs.docker.com/engine/network/drivers/bridge/#options,
     * .../drivers/overlay/, .../drivers/macvlan/).
     */
    public static final Map<Driver, Map<String, String>> MODELLED = Map.of(
            Driver.BRIDGE, Map.of(
                    ICC, "false: containers of the bridge do not reach each other (names still resolve)",
                    MASQUERADE, "false: no NAT towards the outside, so nothing beyond the hosts answers",
                    HOST_BINDING, "the address a -p without one binds to: read from the deployed port bindings",
                    "com.docker.network.bridge.name", "the bridge interface's name: changes no path",
                    MTU, "the containers' MTU, the same at both ends of a bridge: changes no path",
                    GATEWAY_MODE, "nat, nat-unprotected or routed, from Engine 28.0 (before 27.0 Docker ignores it; 27.x and isolated are not modelled)"),
            Driver.OVERLAY, Map.of(
                    MTU, "the underlay MTU the overlay is sized for (`mtu:` in the lab file)",
                    "encrypted", "IPsec between hosts (`encrypted: true`): needs ESP in the kernel",
                    "com.docker.network.driver.overlay.vxlanid_list", "the VXLAN ids: changes no path"),
            Driver.MACVLAN, Map.of(
                    "parent", "the host interface the network hangs off (the underlay's unless named)",
                    "macvlan_mode", "bridge only (Docker's default): containers of one parent reach each other"));

    private NetworkOptions() {
    }

    /** The options of this network the model does not know on the engine judged, in the lab's order; empty when it knows them all. */
    public static List<String> unmodelled(Network network, Engine engine) {
        Map<String, String> known = MODELLED.getOrDefault(network.driver(), Map.of());
        return network.options().entrySet().stream()
                .filter(e -> !known.containsKey(e.getKey()) || !modelledValue(e.getKey(), e.getValue(), engine))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    /** On the baseline engine. */
    public static List<String> unmodelled(Network network) {
        return unmodelled(network, Engine.BASELINE);
    }

    /**
     * Some options are modelled for some values only: macvlan's modes other than bridge are not; a gateway mode only
     * where Docker ignores it (before 27.0, see {@link #asOn}) or from 28.0 on, and not isolated.
     */
    private static boolean modelledValue(String key, String value, Engine engine) {
        return switch (key) {
            case "macvlan_mode" -> value.equals("bridge");
            case GATEWAY_MODE -> !engine.atLeast(Engine.GATEWAY_MODES) || engine.atLeast(Engine.GATEWAY_MODES_SEEN) && GATEWAY_MODES.contains(value);
            default -> true;
        };
    }

    /** The network as an engine takes it: before 27.0 Docker ignores a gateway mode (the bridge stays nat, seen on 20.10.24 and 26.1.5). */
    public static Network asOn(Network network, Engine engine) {
        if (engine.atLeast(Engine.GATEWAY_MODES) || !network.options().containsKey(GATEWAY_MODE)) {
            return network;
        }
        Map<String, String> options = new HashMap<>(network.options());
        options.remove(GATEWAY_MODE);
        return network.withOptions(options);
    }

    /** The bridge's gateway mode (nat unless told otherwise). */
    public static String gatewayMode(Network network) {
        return network.driver() == Driver.BRIDGE ? network.options().getOrDefault(GATEWAY_MODE, "nat") : "";
    }

    /** A bridge whose containers are kept from each other (enable_icc=false). */
    public static boolean iccOff(Network network) {
        return network.driver() == Driver.BRIDGE && "false".equalsIgnoreCase(network.options().getOrDefault(ICC, BRIDGE_DEFAULTS.get(ICC)));
    }

    /** A bridge without NAT towards the outside (enable_ip_masquerade=false). */
    public static boolean masqueradeOff(Network network) {
        return network.driver() == Driver.BRIDGE && "false".equalsIgnoreCase(network.options().getOrDefault(MASQUERADE, BRIDGE_DEFAULTS.get(MASQUERADE)));
    }
}
