package dev.swarmlab.agent.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mtu: whether a full-size datagram (the MTU of the interface the route to the target leaves by,
 * less 28 bytes of IP and UDP header) reaches the responder at target:port and is answered. A small
 * one must cross first; when the full-size one does not, the largest payload that does is found by
 * binary search: a path that silently drops large packets (an overlay over a smaller underlay)
 * shows as blocked, with how much does get through.
 */
public final class MtuProbe implements Probe {
    private static final int SMALLEST = 64;
    private static final int HEADERS = 28;
    private static final int LARGEST_UDP = 65507;

    @Override
    public String kind() {
        return "mtu";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) throws IOException {
        // The search stops short of the probe's deadline: what it found so far is the answer, said to be a lower bound.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs() * 3L / 4);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(spec.target(), spec.port()));
            socket.setSoTimeout(Math.max(50, spec.timeoutMs() / 16));
            int interfaceMtu = interfaceMtu(socket.getLocalAddress());
            int full = Math.min(interfaceMtu - HEADERS, LARGEST_UDP);
            Path path = new Path(socket);
            if (!path.crosses(SMALLEST)) {
                return ProbeResult.blocked(spec, "timeout", Map.of(), "not even a " + SMALLEST + "-byte datagram was answered");
            }
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("interfaceMtu", interfaceMtu);
            if (path.crosses(full)) {
                timings.put("largestPayload", full);
                return ProbeResult.ok(spec, timings, "a full-size datagram crossed: " + full + " bytes of payload (IP packet " + interfaceMtu
                        + ", the MTU of the interface it left by)");
            }
            int low = SMALLEST;
            int high = full;
            boolean cutShort = false;
            while (high - low > 1 && !(cutShort = System.nanoTime() > deadline)) {
                int middle = (low + high) >>> 1;
                if (path.crosses(middle)) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            if (path.crosses(full)) {
                // The full-size ones were lost at first, then smaller ones up to it crossed: a path still settling (a new
                // overlay peer), not a smaller MTU. Once more at full size decides.
                timings.put("largestPayload", full);
                return ProbeResult.ok(spec, timings, "a full-size datagram crossed on a later try: " + full + " bytes of payload (IP packet "
                        + interfaceMtu + "); the first ones got no answer");
            }
            timings.put("largestPayload", low);
            String bound = cutShort ? " or more (the search stopped at the probe's deadline)" : "";
            String why = path.refused ? "this host's kernel refused to send the larger ones (Message too long): an ICMP"
                    + " fragmentation-needed told it the path's MTU is smaller" : "something on the path has a smaller MTU and drops larger"
                    + " packets without a word";
            return ProbeResult.blocked(spec, path.refused ? "too long" : "dropped", timings, "a full-size datagram (" + full
                    + " bytes of payload, IP packet " + interfaceMtu + ") got no answer; the largest that did: " + low + " bytes (IP packet "
                    + (low + HEADERS) + ")" + bound + ": " + why);
        }
    }

    /** The MTU of the interface that holds the socket's source address (1500 where Java cannot tell). */
    private static int interfaceMtu(InetAddress local) throws IOException {
        NetworkInterface nic = local == null ? null : NetworkInterface.getByInetAddress(local);
        return nic == null || nic.getMTU() <= 0 ? 1500 : nic.getMTU();
    }

    /** The socket's path to the target, and whether the kernel has refused a datagram as too long for it. */
    private static final class Path {
        private final DatagramSocket socket;
        private boolean refused;

        Path(DatagramSocket socket) {
            this.socket = socket;
        }

        /** Two tries: one lost datagram on a good path must not count as a too-small MTU. */
        boolean crosses(int size) throws IOException {
            byte[] payload = new byte[size];
            byte[] reply = new byte[65535];
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    socket.send(new DatagramPacket(payload, size));
                    socket.receive(new DatagramPacket(reply, reply.length));
                    return true;
                } catch (SocketTimeoutException e) {
                    // try once more
                } catch (java.net.PortUnreachableException e) {
                    return false;
                } catch (java.net.SocketException e) {
                    if (e.getMessage() == null || !e.getMessage().contains("too long")) {
                        throw e;
                    }
                    refused = true; // EMSGSIZE: the kernel knows a smaller path MTU
                    return false;
                }
            }
            return false;
        }
    }
}
