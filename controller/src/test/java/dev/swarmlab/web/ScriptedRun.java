package dev.swarmlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellFilter;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Expected;
import dev.swarmlab.plan.Reason;
import dev.swarmlab.plan.Route;
import dev.swarmlab.run.HostEvidence;
import dev.swarmlab.run.HostNode;
import dev.swarmlab.run.RunInfo;
import dev.swarmlab.run.RunStore;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run of a small lab written straight into the run database, the way LabRun records one: two hosts,
 * an overlay (every agent reaches every other, by address and by name) and a user bridge (same host
 * only, a cross-host address answered by the local twin: misrouted), one agent stopped (errors), one
 * cell that contradicts its expectation. As a {@link LabRunner} it records the cells one by one, so a
 * page can be watched following it.
 */
public final class ScriptedRun implements LabRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LAB = "drivers";
    private final long paceMs;
    private final int copies;

    public ScriptedRun(long paceMs) {
        this(paceMs, 1);
    }

    /** A larger run: every cell {@code copies} times (ids suffixed #2, #3, ...), one recorded each {@code paceMs}. */
    public ScriptedRun(long paceMs, int copies) {
        this.paceMs = paceMs;
        this.copies = copies;
    }

    /** Records a finished run of the scripted lab at once. */
    public static void record(Path stateRoot, String runId) {
        new ScriptedRun(0).record(stateRoot, runId, "labs/drivers.yaml", Progress.SILENT);
    }

    @Override
    public void run(Lab lab, String runId, CellFilter filter, Path stateRoot, Progress progress) {
        progress.step("-", "connecting to 2 hosts over SSH (scripted)");
        progress.step("h1", "agents serving");
        record(stateRoot, runId, lab.file().toString(), progress);
    }

    private void record(Path stateRoot, String runId, String labFile, Progress progress) {
        List<Cell> cells = new ArrayList<>(cells());
        for (int copy = 2; copy <= copies; copy++) {
            for (Cell c : cells()) {
                cells.add(new Cell(c.id() + "#" + copy, c.network(), c.source(), c.sourceHost(), c.target(), c.targetHost(), c.route(), c.probe(),
                        c.dial(), c.port(), c.answerers(), c.shadowedBy(), c.expected()));
            }
        }
        try (RunStore store = RunStore.open(LabState.of(stateRoot, LAB).runs())) {
            store.begin(new RunInfo(runId, LAB, labFile, Instant.now().toString(), Optional.empty(), "running", "{}",
                    "[{\"check\":\"kernel: ip_vs\",\"host\":\"h1\",\"status\":\"WARN\",\"evidence\":\"no IP_VS in this kernel\","
                            + "\"remedy\":\"service VIP cells are expected blocked\"},{\"check\":\"ssh and docker\",\"host\":\"h1\","
                            + "\"status\":\"PASS\",\"evidence\":\"Docker 20.10.24\",\"remedy\":\"\"}]", null), placed(), List.of(), cells);
            store.evidence(runId, List.of(evidence("h1", "10.250.0.11", "manager", true), evidence("h2", "10.250.0.12", "worker", false)));
            progress.step("-", "run " + runId + ": " + cells.size() + " probe cells");
            for (Cell cell : cells) {
                pause();
                store.record(runId, result(cell));
            }
            store.finish(runId, "failed"); // one cell is scripted to surprise
        }
    }

    private void pause() {
        if (paceMs > 0) {
            try {
                Thread.sleep(paceMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String agent(String network, String host, String twin) {
        return LAB + "-" + network + "-" + host + "-" + twin;
    }

    private static final List<String> HOSTS = List.of("h1", "h2");
    private static final List<String> TWINS = List.of("a", "b");

    static String address(String network, String host, String twin) {
        return (network.equals("lab-overlay") ? "10.90.0." : "10.91.0.") + (2 + HOSTS.indexOf(host) * 2 + TWINS.indexOf(twin));
    }

    private static List<Placed> placed() {
        List<Placed> placed = new ArrayList<>();
        for (String network : List.of("lab-overlay", "lab-bridge")) {
            for (String host : HOSTS) {
                for (String twin : TWINS) {
                    String name = agent(network, host, twin);
                    placed.add(new Placed(new Agent(name, host, Agent.Role.AGENT, List.of(new Workload.Attachment(network, Optional.empty(),
                            List.of())), Optional.empty()), name, true, Map.of(network, address(network, host, twin)), Map.of()));
                }
            }
        }
        return placed;
    }

    /** Every agent to every other on its network, icmp and tcp by address, tcp by name. */
    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (String network : List.of("lab-overlay", "lab-bridge")) {
            for (String fromHost : HOSTS) {
                for (String fromTwin : TWINS) {
                    for (String toHost : HOSTS) {
                        for (String toTwin : TWINS) {
                            if (fromHost.equals(toHost) && fromTwin.equals(toTwin)) {
                                continue;
                            }
                            String source = agent(network, fromHost, fromTwin);
                            String target = agent(network, toHost, toTwin);
                            boolean reachable = network.equals("lab-overlay") || fromHost.equals(toHost);
                            String reason = network.equals("lab-overlay") ? "an overlay spans hosts (concepts 4 overlay)"
                                    : reachable ? "a user bridge connects the containers on its host" : "a user bridge stays on its host (concepts 3 bridge)";
                            Expected expected = new Expected(reachable ? Outcome.REACHABLE : Outcome.BLOCKED, Reason.said(reason), Expected.Source.RULE);
                            String dial = address(network, toHost, toTwin);
                            // On the bridge, h2's addresses are the same as h1's twins' would be in a real lab; here h1-a's address on h2 is h2-a's.
                            Optional<String> shadow = !reachable && fromTwin.equals("a") && toTwin.equals("b")
                                    ? Optional.of(agent(network, fromHost, "b")) : Optional.empty();
                            for (ProbeKind probe : List.of(ProbeKind.ICMP, ProbeKind.TCP)) {
                                cells.add(new Cell(network + "/" + source + "/address/" + probe + "/" + target, network, source, fromHost, target,
                                        toHost, Route.ADDRESS, probe, dial, probe == ProbeKind.TCP ? 7000 : 0, List.of(target),
                                        probe == ProbeKind.ICMP ? shadow : Optional.empty(), expected));
                            }
                            cells.add(new Cell(network + "/" + source + "/name/tcp/" + target, network, source, fromHost, target, toHost,
                                    Route.NAME, ProbeKind.TCP, target, 7000, List.of(target), Optional.empty(), expected));
                        }
                    }
                }
            }
        }
        return cells;
    }

    /**
     * What the agent would answer: the expected thing, except that b on h2 is stopped on the bridge (errors),
     * and the overlay's tcp by name from h2-b to h1-a is scripted to time out although it should answer.
     */
    static CellResult result(Cell cell) {
        if (cell.source().equals(agent("lab-bridge", "h2", "b"))) {
            return CellResult.error(cell, "agent " + cell.source() + " is not running");
        }
        boolean surprise = cell.network().equals("lab-overlay") && cell.route() == Route.NAME && cell.source().equals(agent("lab-overlay", "h2", "b"))
                && cell.target().equals(agent("lab-overlay", "h1", "a"));
        ObjectNode raw = JSON.createObjectNode().put("id", cell.id());
        if (cell.expected().reachable() && !surprise) {
            double ms = cell.sameHost() ? 0.05 : 0.4;
            raw.put("outcome", "ok").put("evidence", cell.probe() + " answered in " + ms + " ms");
            raw.putObject("timings").put(cell.probe() == ProbeKind.ICMP ? "rttAvgMs" : "connectMs", ms);
            raw.putObject("answeredBy").put("name", cell.target()).put("host", cell.targetHost());
        } else if (cell.shadowedBy().isPresent()) {
            raw.put("outcome", "ok").put("evidence", "3/3 echo replies");
            raw.putObject("timings").put("rttAvgMs", 0.03);
        } else {
            raw.put("outcome", "blocked").put("reason", "timeout").put("evidence", "no answer in 3000 ms");
        }
        return CellResult.judge(cell, raw);
    }

    static HostEvidence evidence(String host, String address, String role, boolean leader) {
        Map<String, String> networks = new LinkedHashMap<>();
        networks.put("lab-overlay", "{\"Name\":\"lab-overlay\",\"Driver\":\"overlay\",\"Scope\":\"swarm\",\"Internal\":false,\"Attachable\":true,"
                + "\"IPAM\":{\"Config\":[{\"Subnet\":\"10.90.0.0/24\",\"Gateway\":\"10.90.0.1\"}]},\"Containers\":{}}");
        networks.put("lab-bridge", "{\"Name\":\"lab-bridge\",\"Driver\":\"bridge\",\"Scope\":\"local\",\"Internal\":false,\"Attachable\":false,"
                + "\"IPAM\":{\"Config\":[{\"Subnet\":\"10.91.0.0/24\",\"Gateway\":\"10.91.0.1\"}]},\"Containers\":{}}");
        String bridges = "5: br-1234: <BROADCAST,MULTICAST,UP> mtu 1500\n\n7: veth1a@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br-1234 state forwarding\n"
                + "9: veth2b@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br-1234 state forwarding\n";
        String nat = "-P PREROUTING ACCEPT\n-N DOCKER\n-A POSTROUTING -s 10.91.0.0/24 ! -o br-1234 -j MASQUERADE\n-A DOCKER -i br-1234 -j RETURN\n";
        return new HostEvidence(host, new HostNode(address, "20.10.24", "6.1.0", "active", role, "ready", "active", leader), networks, bridges, nat,
                List.of());
    }
}
