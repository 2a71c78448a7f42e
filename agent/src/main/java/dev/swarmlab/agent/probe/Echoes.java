package dev.swarmlab.agent.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a probe that sends echoes (icmp, udp) reports of them: sent, received, loss, and the round trips seen. */
final class Echoes {
    private Echoes() {
    }

    static Map<String, Object> timings(int sent, List<Double> rtts) {
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("sent", sent);
        timings.put("received", rtts.size());
        timings.put("lossPercent", 100.0 * (sent - rtts.size()) / Math.max(1, sent));
        rtts.stream().mapToDouble(Double::doubleValue).min().ifPresent(min -> timings.put("rttMinMs", min));
        rtts.stream().mapToDouble(Double::doubleValue).average().ifPresent(avg -> timings.put("rttAvgMs", avg));
        return timings;
    }
}
