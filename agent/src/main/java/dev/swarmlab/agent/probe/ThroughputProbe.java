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

/**
 * throughput: sends as fast as TCP allows for `durationMs` to the responder's sink, then reads
 * how many bytes arrived; Mbit/s counts only what the far end received.
 */
public final class ThroughputProbe implements Probe {
    @Override
    public String kind() {
        return "throughput";
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(spec.target(), spec.port()), spec.timeoutMs());
            socket.setSoTimeout(spec.timeoutMs() + spec.durationMs());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String greeting = in.readLine();
            out.write("SINK\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[128 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            long start = System.nanoTime();
            long end = start + spec.durationMs() * 1_000_000L;
            while (System.nanoTime() < end) {
                out.write(chunk);
            }
            out.flush();
            socket.shutdownOutput();
            String report = in.readLine();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report == null) {
                throw new IOException("the responder did not report what it received");
            }
            long received = ((Number) Json.readObject(report).get("received")).longValue();
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("bytes", received);
            timings.put("seconds", seconds);
            timings.put("mbitPerSecond", received * 8 / seconds / 1e6);
            String evidence = String.format(Locale.ROOT, "%d bytes in %.2f s: %.1f Mbit/s", received, seconds, received * 8 / seconds / 1e6);
            return greeting != null && greeting.startsWith("{")
                    ? ProbeResult.answered(spec, Json.toIdentity(Json.readObject(greeting)), timings, evidence)
                    : ProbeResult.ok(spec, timings, evidence);
        } catch (IOException e) {
            return ProbeResult.blocked(spec, Failures.reason(e), Map.of(), e.toString());
        }
    }
}
