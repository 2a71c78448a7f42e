package dev.swarmlab.agent.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * icmp: `count` echo requests through the JDK, which sends real ICMP echoes when the process may
 * open raw sockets (root, or CAP_NET_RAW as Docker grants by default) and falls back to TCP port 7
 * otherwise. Round-trip times and loss.
 */
public final class IcmpProbe implements Probe {
    @Override
    public String kind() {
        return "icmp";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        InetAddress target;
        try {
            target = InetAddress.getByName(spec.target());
        } catch (IOException e) {
            return ProbeResult.blocked(spec, Failures.reason(e), Map.of(), e.toString());
        }
        int perEcho = Math.max(100, spec.timeoutMs() / Math.max(1, spec.count()));
        List<Double> rtts = new ArrayList<>();
        String failure = "timeout";
        for (int i = 0; i < spec.count(); i++) {
            long start = System.nanoTime();
            try {
                if (target.isReachable(perEcho)) {
                    rtts.add((System.nanoTime() - start) / 1e6);
                }
            } catch (IOException e) {
                failure = Failures.reason(e);
            }
        }
        Map<String, Object> timings = Echoes.timings(spec.count(), rtts);
        String evidence = rtts.size() + " of " + spec.count() + " echoes from " + target.getHostAddress() + " answered";
        return rtts.isEmpty() ? ProbeResult.blocked(spec, failure, timings, evidence) : ProbeResult.ok(spec, timings, evidence);
    }
}
