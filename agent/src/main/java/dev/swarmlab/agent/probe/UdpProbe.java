package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Json;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** udp: `count` echoes to target:port; round-trip times, loss, and who answered. */
public final class UdpProbe implements Probe {
    @Override
    public String kind() {
        return "udp";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) throws IOException {
        List<Double> rtts = new ArrayList<>();
        Map<String, Object> answer = null;
        String lastFailure = "";
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(spec.target(), spec.port()));
            int perTry = Math.max(50, spec.timeoutMs() / Math.max(1, spec.count()));
            socket.setSoTimeout(perTry);
            byte[] buffer = new byte[65535];
            for (int i = 0; i < spec.count(); i++) {
                byte[] payload = ("swarmlab " + spec.id() + " " + i).getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                try {
                    socket.send(new DatagramPacket(payload, payload.length));
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    socket.receive(reply);
                    rtts.add((System.nanoTime() - start) / 1e6);
                    answer = Json.readObject(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    lastFailure = Failures.reason(e);
                }
            }
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("sent", spec.count());
        timings.put("received", rtts.size());
        timings.put("lossPercent", 100.0 * (spec.count() - rtts.size()) / Math.max(1, spec.count()));
        rtts.stream().mapToDouble(Double::doubleValue).min().ifPresent(min -> timings.put("rttMinMs", min));
        if (answer == null) {
            return ProbeResult.blocked(spec, lastFailure.isEmpty() ? "timeout" : lastFailure, timings, "no echo came back");
        }
        return ProbeResult.answered(spec, Json.toIdentity(answer), timings, rtts.size() + " of " + spec.count() + " echoes came back");
    }
}
