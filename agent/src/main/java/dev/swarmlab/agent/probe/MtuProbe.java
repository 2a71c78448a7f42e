package dev.swarmlab.agent.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mtu: the largest UDP payload that reaches the responder at target:port and is echoed, found by
 * binary search between 64 and 8972 bytes (a 9000-byte jumbo frame). A path that silently drops
 * large packets (an overlay over a smaller underlay) shows here as a small largest payload.
 */
public final class MtuProbe implements Probe {
    private static final int SMALLEST = 64;
    private static final int LARGEST = 9000 - 28;

    @Override
    public String kind() {
        return "mtu";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(spec.target(), spec.port()));
            socket.setSoTimeout(Math.max(50, spec.timeoutMs() / 16));
            if (!crosses(socket, SMALLEST)) {
                return ProbeResult.blocked(spec, "timeout", Map.of(), "not even a " + SMALLEST + "-byte datagram was echoed");
            }
            int low = SMALLEST;
            int high = LARGEST + 1;
            while (high - low > 1) {
                int middle = (low + high) >>> 1;
                if (crosses(socket, middle)) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("largestPayload", low);
            timings.put("pathMtu", low + 28);
            return ProbeResult.ok(spec, timings, "largest UDP payload echoed: " + low + " bytes (IP packet " + (low + 28) + ")");
        }
    }

    /** Two tries: one lost datagram on a good path must not count as a too-small MTU. */
    private static boolean crosses(DatagramSocket socket, int size) throws IOException {
        byte[] payload = new byte[size];
        byte[] reply = new byte[65535];
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                socket.send(new DatagramPacket(payload, size));
                socket.receive(new DatagramPacket(reply, reply.length));
                return true;
            } catch (java.net.SocketTimeoutException e) {
                // try once more
            } catch (java.net.PortUnreachableException e) {
                return false;
            }
        }
        return false;
    }
}
