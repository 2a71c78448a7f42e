package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** tcp: connect time to target:port, and the identity the responder greets with. */
public final class TcpProbe implements Probe {
    @Override
    public String kind() {
        return "tcp";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(spec.target(), spec.port()), spec.timeoutMs());
            double connectMs = (System.nanoTime() - start) / 1e6;
            socket.setSoTimeout(spec.timeoutMs());
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Map<String, Object> timings = Map.of("connectMs", connectMs);
            if (greeting == null || !greeting.startsWith("{")) {
                return ProbeResult.ok(spec, timings, "connected; the peer is not a swarmlab responder");
            }
            return ProbeResult.answered(spec, Json.toIdentity(Json.readObject(greeting)), timings, "connected in "
                    + String.format(Locale.ROOT, "%.2f ms", connectMs));
        } catch (IOException e) {
            return ProbeResult.blocked(spec, Failures.reason(e), Map.of("elapsedMs", (System.nanoTime() - start) / 1e6), e.toString());
        }
    }
}
