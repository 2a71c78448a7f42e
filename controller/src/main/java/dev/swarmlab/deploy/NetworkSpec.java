package dev.swarmlab.deploy;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.NetworkRequest;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.net.Subnet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a lab network becomes a Docker network, and the short hash of its definition that the
 * network carries as a label, so a changed definition is seen without comparing every field.
 */
public final class NetworkSpec {
    public static final String SPEC_LABEL = "dev.swarmlab.spec";
    static final String MTU_OPTION = "com.docker.network.driver.mtu";

    private NetworkSpec() {
    }

    public static String hash(Network network) {
        String canonical = String.join("|", network.driver().id(), network.subnet().map(Object::toString).orElse(""),
                network.gateway().orElse(""), network.ipRange().map(Object::toString).orElse(""),
                Boolean.toString(network.attachable()), Boolean.toString(network.internal()), Boolean.toString(network.encrypted()),
                network.mtu().isPresent() ? Integer.toString(network.mtu().getAsInt()) : "", new TreeMap<>(network.options()).toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new SwarmlabException("this JVM has no SHA-256", e);
        }
    }

    public static NetworkRequest request(Lab lab, Network network) {
        return request(lab, network, network.options(), network.ipRange());
    }

    /**
     * A macvlan network on one host of several on one segment: on the interface that carries the
     * host's address unless the lab names a `parent`, and, unless the lab gives an ipRange, handing
     * out addresses from the host's own slice of the subnet, so two hosts never give out one address.
     *
     * @param host the host's place among the lab's hosts, from 0
     */
    public static NetworkRequest macvlan(Lab lab, Network network, String underlay, int host, int hosts) {
        Map<String, String> options = new LinkedHashMap<>(network.options());
        options.putIfAbsent("parent", underlay);
        return request(lab, network, options, network.ipRange().or(() -> network.subnet().map(s -> slice(s, host, hosts))));
    }

    /** The subnet cut into the fewest equal slices that leave slice 0 (the gateway's) out: host i gets slice i + 1. */
    static Subnet slice(Subnet subnet, int host, int hosts) {
        int bits = 32 - Integer.numberOfLeadingZeros(hosts); // 2^bits > hosts
        int prefix = subnet.prefixLength() + bits;
        if (prefix > 30) {
            throw new SwarmlabException("subnet " + subnet + " is too small to give each of " + hosts + " hosts a slice of its own",
                    "give the macvlan network a larger subnet, or an ipRange per lab");
        }
        return new Subnet(subnet.address((long) (host + 1) << (32 - prefix)), prefix);
    }

    private static NetworkRequest request(Lab lab, Network network, Map<String, String> given, Optional<Subnet> ipRange) {
        Map<String, String> options = new LinkedHashMap<>(given);
        if (network.encrypted()) {
            options.put("encrypted", "");
        }
        network.mtu().ifPresent(mtu -> options.put(MTU_OPTION, Integer.toString(mtu)));
        return new NetworkRequest(network.name(), network.driver().id(), network.subnet().map(Object::toString), network.gateway(),
                ipRange.map(Object::toString), network.attachable(), network.internal(), options,
                Map.of(Lab.LABEL, lab.name(), SPEC_LABEL, hash(network)));
    }
}
