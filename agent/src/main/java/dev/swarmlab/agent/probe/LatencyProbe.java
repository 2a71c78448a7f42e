package dev.swarmlab.agent.probe;

import dev.swarmlab.agent.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** latency: `rounds` one-line request/response round trips over one TCP connection; p50 and p99. */
public final class LatencyProbe implements Probe {
    @Override
    public String kind() {
        return "latency";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(spec.target(), spec.port()), spec.timeoutMs());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(spec.timeoutMs());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String greeting = in.readLine();
            double[] rtts = new double[spec.rounds()];
            byte[] line = "x\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < rtts.length; i++) {
                long start = System.nanoTime();
                out.write(line);
                out.flush();
                if (in.readLine() == null) {
                    throw new IOException("the responder closed the connection after " + i + " rounds");
                }
                rtts[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(rtts);
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("rounds", rtts.length);
            timings.put("p50Ms", percentile(rtts, 50));
            timings.put("p99Ms", percentile(rtts, 99));
            timings.put("minMs", rtts.length == 0 ? 0 : rtts[0]);
            String evidence = rtts.length + " round trips, p50 " + String.format(Locale.ROOT, "%.3f ms", percentile(rtts, 50));
            return greeting != null && greeting.startsWith("{")
                    ? ProbeResult.answered(spec, Json.toIdentity(Json.readObject(greeting)), timings, evidence)
                    : ProbeResult.ok(spec, timings, evidence);
        } catch (IOException e) {
            return ProbeResult.blocked(spec, Failures.reason(e), Map.of(), e.toString());
        }
    }

    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
