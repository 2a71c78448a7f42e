package dev.swarmlab.deploy;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.NetworkRequest;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, String> options = new LinkedHashMap<>(network.options());
        if (network.encrypted()) {
            options.put("encrypted", "");
        }
        network.mtu().ifPresent(mtu -> options.put(MTU_OPTION, Integer.toString(mtu)));
        return new NetworkRequest(network.name(), network.driver().id(), network.subnet().map(Object::toString), network.gateway(),
                network.ipRange().map(Object::toString), network.attachable(), network.internal(), options,
                Map.of(Lab.LABEL, lab.name(), SPEC_LABEL, hash(network)));
    }
}
