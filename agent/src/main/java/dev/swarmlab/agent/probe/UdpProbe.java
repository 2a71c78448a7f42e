package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Json;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * udp: `count` echoes to target:port; round-trip times, loss, and who answered. The socket is not
 * connected: a host with several addresses answers from the one its route picks (the bridge's
 * gateway, say), not always the one that was asked, and a connected socket would drop that reply.
 * Replies are matched by the echoed text instead.
 */
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
        InetSocketAddress target;
        try {
            target = new InetSocketAddress(InetAddress.getByName(spec.target()), spec.port());
        } catch (UnknownHostException e) {
            return ProbeResult.blocked(spec, "no such name", Map.of(), e.toString());
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            int perTry = Math.max(50, spec.timeoutMs() / Math.max(1, spec.count()));
            socket.setSoTimeout(perTry);
            byte[] buffer = new byte[65535];
            for (int i = 0; i < spec.count(); i++) {
                String text = "swarmlab " + spec.id() + " " + i;
                byte[] payload = text.getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                try {
                    socket.send(new DatagramPacket(payload, payload.length, target));
                    long until = start + perTry * 1_000_000L;
                    while (true) {
                        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                        socket.receive(reply);
                        Map<String, Object> echoed = Json.readObject(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
                        if (text.equals(echoed.get("echo"))) {
                            rtts.add((System.nanoTime() - start) / 1e6);
                            answer = echoed;
                            break;
                        }
                        socket.setSoTimeout((int) Math.max(1, (until - System.nanoTime()) / 1_000_000L));
                    }
                } catch (IOException | IllegalArgumentException e) {
                    lastFailure = Failures.reason(e);
                } finally {
                    socket.setSoTimeout(perTry);
                }
            }
        }
        Map<String, Object> timings = Echoes.timings(spec.count(), rtts);
        if (answer == null) {
            return ProbeResult.blocked(spec, lastFailure.isEmpty() ? "timeout" : lastFailure, timings, "no echo came back");
        }
        return ProbeResult.answered(spec, Json.toIdentity(answer), timings, rtts.size() + " of " + spec.count() + " echoes came back");
    }
}
