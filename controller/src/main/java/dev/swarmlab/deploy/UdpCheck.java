package dev.swarmlab.deploy;

import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.Connection;
import dev.swarmlab.ssh.SshStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tests UDP ports between every pair of hosts: one listener per host (python3, bound to the
 * host's address on every port) reports which peers' datagrams arrived, and ends as soon as
 * all have (or after five seconds: with a dozen hosts checking each other at once, the last
 * sender's SSH exec can take a few seconds to start); the peers send with
 * bash's /dev/udp. A port already bound (a swarm's dockerd binds 7946) is reported, not tested;
 * a host without python3 cannot be a receiver, and says so.
 */
final class UdpCheck {
    private static final String LISTENER = String.join("\n",
            "import select, socket, sys, time",
            "peers = set(sys.argv[2].split(','))",
            "socks = {}",
            "for port in sys.argv[3:]:",
            "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "    try:",
            "        s.bind((sys.argv[1], int(port)))",
            "        socks[s] = (port, set())",
            "    except OSError as e:",
            "        print('INUSE', port, e.strerror, flush=True)",
            "print('READY', flush=True)",
            "end = time.time() + 5",
            "while time.time() < end and any(not peers <= seen for _, seen in socks.values()):",
            "    for s in select.select(list(socks), [], [], 0.05)[0]:",
            "        socks[s][1].add(s.recvfrom(64)[1][0])",
            "for port, seen in socks.values():",
            "    print('SEEN', port, *sorted(seen), flush=True)",
            "print('END', flush=True)");
    private static final Duration CALL = Duration.ofSeconds(10);

    private UdpCheck() {
    }

    static List<Finding> run(List<Connection> hosts, Map<String, Boolean> hasPython, int... ports) {
        List<Parallel.Outcome<Connection, List<String>>> outcomes = Parallel.each(hosts,
                Deadline.in(Duration.ofSeconds(30), "UDP port checks"),
                host -> hasPython.getOrDefault(host.name(), false) ? listen(host, hosts, ports) : null);
        List<Finding> findings = new ArrayList<>();
        for (Parallel.Outcome<Connection, List<String>> o : outcomes) {
            for (int port : ports) {
                findings.add(finding(o, port, hosts));
            }
        }
        return findings;
    }

    private static Finding finding(Parallel.Outcome<Connection, List<String>> o, int port, List<Connection> hosts) {
        String check = "swarm ports (" + port + "/udp)";
        String host = o.key().name();
        if (!o.ok()) {
            return Finding.warn(check, host, "could not test: " + o.error().getMessage(), "check the port by hand");
        }
        if (o.value() == null) {
            return Finding.warn(check, host, "could not test: no python3 on " + host + " to listen with",
                    "the overlay cells of the first run show whether it passes");
        }
        Map<String, String> byPort = new HashMap<>();
        for (String line : o.value()) {
            String[] words = line.split(" ", 3);
            if (words.length >= 2) {
                byPort.put(words[1], line);
            }
        }
        String line = byPort.getOrDefault(Integer.toString(port), "");
        if (line.startsWith("INUSE")) {
            return Finding.pass(check, host, "already bound on the host (" + line.split(" ", 3)[2]
                    + "), as a swarm's dockerd binds it; not tested");
        }
        Set<String> seen = Arrays.stream(line.split(" ")).skip(2).collect(Collectors.toSet());
        List<String> missing = hosts.stream().filter(peer -> peer != o.key())
                .filter(peer -> !seen.contains(peer.host().address())).map(Connection::name).toList();
        return missing.isEmpty() ? Finding.pass(check, host, "datagrams from every peer arrived")
                : Finding.fail(check, host, "nothing arrived from " + String.join(", ", missing), "open " + port + "/udp between the hosts");
    }

    /** Starts the listener, has every peer send to each port, and returns the listener's report lines. */
    private static List<String> listen(Connection host, List<Connection> hosts, int... ports) {
        String portList = Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(" "));
        String peers = hosts.stream().filter(peer -> peer != host).map(peer -> peer.host().address()).collect(Collectors.joining(","));
        String command = "python3 -c '" + LISTENER.replace("'", "'\\''") + "' " + host.host().address() + " " + peers + " " + portList;
        try (SshStream stream = host.ssh().openCommand(command, CALL);
             BufferedReader lines = new BufferedReader(new InputStreamReader(stream.in(), StandardCharsets.UTF_8))) {
            List<String> report = new ArrayList<>();
            for (String line = lines.readLine(); line != null && !line.equals("READY"); line = lines.readLine()) {
                report.add(line);
            }
            // Two datagrams per port, back to back: a lost one on a healthy LAN is rare, and the listener waits for one.
            StringBuilder send = new StringBuilder();
            for (int port : ports) {
                for (int copy = 0; copy < 2; copy++) {
                    send.append("echo x > /dev/udp/").append(host.host().address()).append('/').append(port).append(" 2>/dev/null; ");
                }
            }
            Parallel.each(hosts.stream().filter(peer -> peer != host).toList(), Deadline.in(CALL, "UDP senders"),
                    peer -> peer.ssh().exec("bash -c '" + send + "'", CALL));
            for (String line = lines.readLine(); line != null && !line.equals("END"); line = lines.readLine()) {
                report.add(line);
            }
            return report;
        } catch (IOException e) {
            throw new SwarmlabException("the UDP listener on " + host.name() + " failed: " + e.getMessage(), e);
        }
    }
}
