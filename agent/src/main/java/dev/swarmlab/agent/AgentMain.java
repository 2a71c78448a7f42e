package dev.swarmlab.agent;

import dev.swarmlab.agent.batch.BatchRelay;
import dev.swarmlab.agent.batch.BatchServer;
import dev.swarmlab.agent.probe.ProbeRegistry;
import dev.swarmlab.agent.probe.ProbeRunner;
import dev.swarmlab.agent.probe.ProbeSpec;
import dev.swarmlab.agent.serve.HttpResponder;
import dev.swarmlab.agent.serve.TcpResponder;
import dev.swarmlab.agent.serve.UdpResponder;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent inside every agent and workload container.
 * <pre>
 *   agent serve [--tcp 7000] [--udp 7001] [--http 8080] [--listen PORT]...   responders until stopped
 *   agent probe                                                            probe specs on stdin, results on stdout
 *   agent env [PREFIX]...                                                  this process's environment, sorted
 * </pre>
 */
public final class AgentMain {
    static final String USAGE = String.join("\n",
            "usage: agent serve [--tcp PORT] [--udp PORT] [--http PORT] [--listen PORT]...",
            "       agent probe   (JSON probe specs on stdin, one per line, up to an empty line or the end;",
            "                      JSON results on stdout, one per line, as each probe finishes; run by the",
            "                      serving agent of this container when there is one, else by this process)",
            "       agent env [PREFIX]...   (the environment Docker gives a process in this container, one NAME=VALUE",
            "                      a line, sorted; only the names that start with a PREFIX when any are given)");

    private AgentMain() {
    }

    /**
     * Every name probe asks the container's resolver, never the JVM's memory of an earlier answer:
     * by default a serving agent would keep a name's address for 30 s and its absence for 10 s, so
     * a probe round right after a change (a host's daemon back, a container restarted with another
     * address, a network disconnected) would see the world as it was.
     */
    static void noNameCache() {
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }

    public static void main(String[] args) throws Exception {
        noNameCache();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        switch (args[0]) {
            case "serve" -> serve(args);
            case "train" -> {
                train();
                System.exit(0);
            }
            case "probe" -> {
                InputStream stdin = new BufferedInputStream(System.in);
                if (!BatchRelay.relay(BatchServer.SOCKET, stdin, System.out)) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                    new ProbeRunner(ProbeRegistry.standard()).run(in, System.out);
                }
                System.exit(0);
            }
            case "env" -> {
                List<String> prefixes = List.of(args).subList(1, args.length);
                System.getenv().entrySet().stream().filter(e -> prefixes.isEmpty() || prefixes.stream().anyMatch(e.getKey()::startsWith))
                        .map(e -> e.getKey() + "=" + e.getValue()).sorted().forEach(System.out::println);
                System.exit(0);
            }
            default -> {
                System.err.println("agent: unknown command '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    /**
     * `agent train` (not for users): runs every responder and every probe kind once over loopback,
     * so that the image build can record which classes the agent loads and archive them (CDS).
     */
    private static void train() throws IOException {
        Identity identity = Identity.current();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
        TcpResponder tcp = new TcpResponder(0, identity, threads);
        UdpResponder udp = new UdpResponder(0, identity, threads);
        HttpResponder http = new HttpResponder(0, identity, threads);
        warmUp(tcp.port(), udp.port(), http.port());
        StringBuilder specs = new StringBuilder();
        String[][] kinds = {{"icmp", "0"}, {"tcp", "" + tcp.port()}, {"udp", "" + udp.port()}, {"http", "" + http.port()}, {"dns", "0"},
                {"latency", "" + tcp.port()}, {"throughput", "" + tcp.port()}, {"mtu", "" + udp.port()}, {"tcp", "1"}};
        for (String[] kind : kinds) {
            specs.append("{\"id\":\"").append(kind[0]).append(kind[1]).append("\",\"kind\":\"").append(kind[0])
                    .append("\",\"target\":\"").append(kind[0].equals("dns") ? "localhost" : "127.0.0.1").append("\",\"port\":").append(kind[1])
                    .append(",\"count\":2,\"timeoutMs\":2000,\"durationMs\":200,\"rounds\":20,\"expect\":\"").append(identity.name())
                    .append("\"}\n");
        }
        specs.append('\n');
        Path socket = Files.createTempDirectory("agent-train").resolve("batch.sock");
        new BatchServer(socket, ProbeRegistry.standard(), threads);
        BatchRelay.relay(socket, new ByteArrayInputStream(specs.toString().getBytes(StandardCharsets.UTF_8)), System.out);
    }

    /**
     * Asks each responder once over loopback before saying "serving": the first request loads the
     * server's classes, which on a busy host takes longer than a probe waits.
     */
    private static void warmUp(int tcp, int udp, int http) {
        ProbeRegistry probes = ProbeRegistry.standard();
        for (Map.Entry<String, Integer> kind : Map.of("tcp", tcp, "udp", udp, "http", http).entrySet()) {
            ProbeSpec spec = ProbeSpec.from(Map.of("id", "warm-up", "kind", kind.getKey(), "target", "127.0.0.1", "port", kind.getValue(),
                    "count", 1, "timeoutMs", 10000));
            probes.find(kind.getKey()).ifPresent(probe -> {
                try {
                    probe.run(spec);
                } catch (Exception e) {
                    System.err.println("agent: warming up " + kind.getKey() + " failed: " + e);
                }
            });
        }
    }

    private static void serve(String[] args) throws IOException, InterruptedException {
        int tcp = 7000;
        int udp = 7001;
        int http = 8080;
        List<Integer> extra = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a port\n" + USAGE);
            }
            int port = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--tcp" -> tcp = port;
                case "--udp" -> udp = port;
                case "--http" -> http = port;
                case "--listen" -> extra.add(port);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        Identity identity = Identity.current();
        ExecutorService threads = Executors.newCachedThreadPool();
        new TcpResponder(tcp, identity, threads);
        new UdpResponder(udp, identity, threads);
        new HttpResponder(http, identity, threads);
        for (int port : extra) {
            new TcpResponder(port, identity, threads);
        }
        warmUp(tcp, udp, http);
        new BatchServer(BatchServer.SOCKET, ProbeRegistry.standard(), threads);
        System.out.println("agent " + identity.name() + " on " + identity.host() + " serving tcp " + tcp + ", udp " + udp + ", http " + http
                + (extra.isEmpty() ? "" : ", tcp " + extra));
        Thread.currentThread().join(); // waits: the agent's whole life, until its container stops
    }
}
