package dev.swarmlab.agent.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    /** Tries of the first, small datagram, each waited a sixteenth of the probe's timeout: about a third of it in all. */
    private static final int FIRST_CONTACT_TRIES = 5;

    @Override
    public String kind() {
        return "mtu";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) throws IOException {
        // The search stops short of the probe's deadline: what it found so far is the answer, said to be a lower bound.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs() * 3L / 4);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(spec.target(), spec.port()));
            int interfaceMtu = interfaceMtu(socket.getLocalAddress());
            int full = Math.min(interfaceMtu - HEADERS, LARGEST_UDP);
            Path path = new Path(socket, TimeUnit.MILLISECONDS.toNanos(Math.max(50, spec.timeoutMs() / 16)));
            // The first contact may wait for a path still settling (a new overlay peer).
            if (!path.crosses(SMALLEST, FIRST_CONTACT_TRIES)) {
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

    /**
     * The socket's path to the target, and whether the kernel has refused a datagram as too long for it. Every size tried is
     * tagged (the responder echoes a datagram's start): an answer counts only for the size it answers, never a late or doubled
     * answer to an earlier one.
     */
    private static final class Path {
        private static final int TRIES = 2;
        private final DatagramSocket socket;
        private final long wait;
        private int sizesTried;
        private boolean refused;

        Path(DatagramSocket socket, long waitNanos) {
            this.socket = socket;
            this.wait = waitNanos;
        }

        /** Two tries: one lost datagram on a good path must not count as a too-small MTU. */
        boolean crosses(int size) throws IOException {
            return crosses(size, TRIES);
        }

        /** Sends the size up to `tries` times, each waited for `wait`; an answer to any of these tries counts. */
        boolean crosses(int size, int tries) throws IOException {
            String tag = "swarmlab-mtu#" + ++sizesTried + "#";
            byte[] payload = Arrays.copyOf(tag.getBytes(StandardCharsets.US_ASCII), size);
            try {
                for (int attempt = 0; attempt < tries; attempt++) {
                    socket.send(new DatagramPacket(payload, size));
                    if (answered(tag)) {
                        return true;
                    }
                }
                return false;
            } catch (PortUnreachableException e) {
                return false;
            } catch (SocketException e) {
                if (e.getMessage() == null || !e.getMessage().contains("too long")) {
                    throw e;
                }
                // EMSGSIZE, on the send or (once an ICMP fragmentation-needed came back) on the receive: the kernel knows a
                // smaller path MTU
                refused = true;
                return false;
            }
        }

        /** Whether an answer carrying the tag comes within `wait`; answers to earlier sizes are passed over. */
        private boolean answered(String tag) throws IOException {
            byte[] reply = new byte[65535];
            long until = System.nanoTime() + wait;
            for (long left = wait; left > 0; left = until - System.nanoTime()) {
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                DatagramPacket answer = new DatagramPacket(reply, reply.length);
                try {
                    socket.receive(answer);
                } catch (SocketTimeoutException e) {
                    return false;
                }
                if (new String(answer.getData(), 0, answer.getLength(), StandardCharsets.ISO_8859_1).contains(tag)) {
                    return true;
                }
            }
            return false;
        }
    }
}
