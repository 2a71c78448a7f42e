package dev.swarmlab.agent.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * dns: the target name resolved through the container's own resolver (/etc/hosts, then Docker's
 * embedded DNS at 127.0.0.11 or the host's), exactly as an application resolves it.
 */
public final class DnsProbe implements Probe {
    @Override
    public String kind() {
        return "dns";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        long start = System.nanoTime();
        try {
            List<String> addresses = Arrays.stream(InetAddress.getAllByName(spec.target())).map(InetAddress::getHostAddress).sorted().toList();
            return ProbeResult.ok(spec, Map.of("resolveMs", (System.nanoTime() - start) / 1e6, "addresses", addresses),
                    spec.target() + " -> " + String.join(", ", addresses));
        } catch (UnknownHostException e) {
            return ProbeResult.blocked(spec, "no such name", Map.of("resolveMs", (System.nanoTime() - start) / 1e6), e.toString());
        }
    }
}
