package dev.swarmlab.run;

import dev.swarmlab.Deadline;
import dev.swarmlab.Durations;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.ServiceState;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.fleet.FleetDeployer;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.image.AgentImage;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.Route;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The convergence gate: before a probe round, wait until the lab is really up, so that what the
 * round measures is Docker's behaviour and not a lab still settling or a broken host. Every swarm
 * node of the lab ready; every host a peer of every overlay it has a container on, as every other
 * such host sees it (`docker network inspect --verbose`); each host's embedded DNS answering for its
 * own containers on every network that has names, and on an overlay for every other host's. (Service tasks are awaited, running and serving,
 * by the deploy.) What does not converge by the deadline is a {@link Problem}: the cells that
 * depend on it are errors with its words, never findings about Docker's drivers.
 */
public final class Convergence {
    /** How long the lab may take to converge: 60 s, or the system property swarmlab.converge.seconds (tests of a lab that never will). */
    static Duration deadline() {
        return Duration.ofSeconds(Long.getLong("swarmlab.converge.seconds", 60));
    }

    private static final Duration CALL = Duration.ofSeconds(15);
    private static final Set<Route> BY_NAME = Set.of(Route.NAME, Route.LINK, Route.SERVICE, Route.TASKS);

    /** What the gate checks; a problem of each breaks its own cells. */
    public enum Check { SWARM_NODE, OVERLAY_PEERS, EMBEDDED_DNS, SHARED_ADDRESS, NAMES_ACROSS_HOSTS }

    /**
     * One part that did not converge: the check, the host it is about, the network (or empty), the
     * hosts that do not see it there (overlay peers only), and what was seen.
     */
    public record Problem(Check check, String host, String network, List<String> unseenBy, String text) {
        Problem(Check check, String host, String network, String text) {
            this(check, host, network, List.of(), text);
        }

        /** Whether a cell depends on this part: it crosses the host on that network, or resolves names there. */
        boolean breaks(Cell cell, Set<String> swarmScoped) {
            boolean involves = cell.sourceHost().equals(host) || cell.targetHost().equals(host);
            return switch (check) {
                case SWARM_NODE -> involves && (cell.route() == Route.SERVICE || cell.route() == Route.TASKS || swarmScoped.contains(cell.network()));
                case OVERLAY_PEERS -> involves && !cell.sameHost() && cell.network().equals(network)
                        && (unseenBy.contains(cell.sourceHost()) || unseenBy.contains(cell.targetHost()));
                case EMBEDDED_DNS -> cell.sourceHost().equals(host) && cell.network().equals(network) && BY_NAME.contains(cell.route());
                // the containers that share an address: every cell from or to them on that network (unseenBy names them)
                case SHARED_ADDRESS -> cell.network().equals(network) && (unseenBy.contains(cell.source()) || unseenBy.contains(cell.target()));
                case NAMES_ACROSS_HOSTS -> cell.targetHost().equals(host) && unseenBy.contains(cell.sourceHost()) && cell.network().equals(network)
                        && BY_NAME.contains(cell.route());
            };
        }
    }

    /**
     * How a gate went: whether the lab converged, how long it waited, what did not converge, what was
     * checked, and the lab's swarm-wide networks (what a swarm node's problem breaks).
     */
    public record Outcome(boolean converged, Duration waited, List<Problem> problems, List<String> checked, Set<String> swarmScoped) {
        /** The diagnosis of the first problem a cell depends on, if any. */
        public Optional<String> breaking(Cell cell) {
            return problems.stream().filter(p -> p.breaks(cell, swarmScoped)).findFirst()
                    .map(p -> "the lab did not converge: " + p.text() + " (not a finding about Docker's drivers)");
        }

        public String describe() {
            return converged ? "the lab converged in " + Durations.format(waited) + " (" + String.join(", ", checked) + ")"
                    : "the lab did NOT converge in " + Durations.format(waited) + ": " + String.join("; ",
                    problems.stream().map(Problem::text).toList());
        }
    }

    private final Lab lab;
    private final Connections connections;
    private final Duration deadline;
    /** Filled on first use: a host's hostname does not change during a run. */
    private Map<String, String> hostnames;

    public Convergence(Lab lab, Connections connections) {
        this(lab, connections, deadline());
    }

    Convergence(Lab lab, Connections connections, Duration deadline) {
        this.lab = lab;
        this.connections = connections;
        this.deadline = deadline;
    }

    /**
     * Waits until every check passes or the deadline comes; {@code cut} hosts are cut off on purpose
     * by a step, so nothing that needs them to reach the others is checked (only their own DNS).
     */
    public Outcome await(List<Placed> placed, List<ServiceState> services, Set<String> cut, Consumer<String> progress) {
        long start = System.nanoTime();
        Deadline until = Deadline.in(deadline, "lab " + lab.name() + " to converge");
        // Addresses are as the deploy inspected them: two containers that share one do not stop sharing it by waiting.
        List<Problem> shared = new ArrayList<>();
        FleetDeployer.sharedAddresses(lab, placed).forEach((where, holders) -> shared.add(new Problem(Check.SHARED_ADDRESS,
                holders.get(0).host(), where.substring(where.indexOf(" on ") + 4), holders.stream().map(Placed::name).toList(),
                String.join(" and ", holders.stream().map(p -> p.name() + " on " + p.host()).toList()) + " both hold " + where)));
        List<Problem> problems;
        long lastSaid = start;
        while (true) {
            problems = new ArrayList<>(shared);
            problems.addAll(problems(placed, services, cut));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (problems.isEmpty()) {
                return new Outcome(true, waited, List.of(), checked(placed), Set.copyOf(overlays()));
            }
            if (until.expired() || problems.size() == shared.size()) {
                return new Outcome(false, waited, problems, checked(placed), Set.copyOf(overlays()));
            }
            if (System.nanoTime() - lastSaid > Duration.ofSeconds(5).toNanos()) {
                lastSaid = System.nanoTime();
                progress.accept("waiting for the lab to converge (" + Durations.format(waited) + " of "
                        + Durations.format(deadline) + "): " + String.join("; ", problems.stream().map(Problem::text).toList()));
            }
            until.pause(Duration.ofMillis(500));
        }
    }

    private List<String> checked(List<Placed> placed) {
        List<String> checked = new ArrayList<>();
        if (lab.swarm().isPresent()) {
            checked.add("swarm nodes ready");
        }
        if (!overlays().isEmpty()) {
            checked.add("overlay peers");
        }
        if (!dnsLookups(placed).isEmpty()) {
            checked.add("embedded DNS on every host, across hosts on overlays");
        }
        return checked;
    }

    private List<Problem> problems(List<Placed> placed, List<ServiceState> services, Set<String> cut) {
        List<Problem> problems = new ArrayList<>(nodes(cut));
        problems.addAll(peers(placed, services, cut));
        problems.addAll(dns(placed, cut));
        return problems;
    }

    /** Every lab host not cut off is a ready, active node in the first manager's view. */
    private List<Problem> nodes(Set<String> cut) {
        if (lab.swarm().isEmpty()) {
            return List.of();
        }
        String first = lab.swarm().get().managers().get(0);
        Optional<Connection> manager = connections.get(first);
        if (manager.isEmpty()) {
            return List.of(new Problem(Check.SWARM_NODE, first, "", "the first manager " + first + " is not reachable"));
        }
        List<SwarmNode> nodes;
        try {
            nodes = manager.get().docker().nodes();
        } catch (SwarmlabException e) {
            return List.of(new Problem(Check.SWARM_NODE, first, "", first + " cannot list the swarm's nodes: " + e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        for (Connection host : connections.reached()) {
            if (cut.contains(host.name())) {
                continue;
            }
            Optional<SwarmNode> node = nodes.stream().filter(n -> n.address().equals(host.host().address())).findFirst();
            if (node.isEmpty() || !node.get().state().equals("ready") || !node.get().availability().equals("active")) {
                problems.add(new Problem(Check.SWARM_NODE, host.name(), "", host.name() + " is " + node.map(n -> n.state() + " and " + n.availability())
                        .orElse("no node") + " in the swarm, as " + first + " sees it"));
            }
        }
        return problems;
    }

    private List<String> overlays() {
        return lab.createdNetworks().stream().filter(Network::swarmScope).map(Network::name).toList();
    }

    /** On every overlay, each host with a container on it is listed as a peer by every other such host. */
    private List<Problem> peers(List<Placed> placed, List<ServiceState> services, Set<String> cut) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> hostsByName = hostnames();
        for (String overlay : overlays()) {
            Set<String> members = new TreeSet<>();
            placed.stream().filter(p -> p.running() && p.addresses().containsKey(overlay)).forEach(p -> members.add(p.host()));
            services.forEach(s -> s.tasks().stream().filter(t -> t.addresses().containsKey(overlay))
                    .forEach(t -> Optional.ofNullable(hostsByName.get(t.node())).ifPresent(members::add)));
            members.removeAll(cut);
            if (members.size() < 2) {
                continue;
            }
            Map<String, List<String>> seen = new LinkedHashMap<>();
            Parallel.each(List.copyOf(members), Deadline.in(CALL, "the peers of " + overlay + " on every host"), host -> connections.get(host)
                    .map(c -> c.docker().networkPeers(overlay)).orElse(List.of())).forEach(o -> seen.put(o.key(), o.ok() ? o.value() : List.of()));
            for (String host : members) {
                String address = connections.get(host).map(c -> c.host().address()).orElse("");
                List<String> missing = members.stream().filter(other -> !other.equals(host) && !seen.getOrDefault(other, List.of()).contains(address))
                        .toList();
                if (!missing.isEmpty()) {
                    problems.add(new Problem(Check.OVERLAY_PEERS, host, overlay, missing, host + " is not a peer of " + overlay + " on "
                            + String.join(" and ", missing)));
                }
            }
        }
        // The host that most others miss first: it is the one a cell's diagnosis should name.
        problems.sort(Comparator.comparingInt((Problem p) -> -p.unseenBy().size()));
        return problems;
    }

    /** The lab's hosts by their engines' hostnames (what a service task names its node by), asked once every host has answered. */
    private Map<String, String> hostnames() {
        if (hostnames != null) {
            return hostnames;
        }
        Map<String, String> byHostname = new LinkedHashMap<>();
        for (Connection c : connections.reached()) {
            try {
                byHostname.put(c.docker().info().hostname(), c.name());
            } catch (SwarmlabException e) {
                // an unreachable daemon shows in the other checks
            }
        }
        if (byHostname.size() == connections.reached().size()) {
            hostnames = byHostname;
        }
        return byHostname;
    }

    /** One name looked up from an agent: whose container it names (its host), the network, and the address it must give. */
    private record Lookup(Placed from, String network, String name, String host, String address) {
    }

    /**
     * Per named network, from one agent on each host: every container of its own host (itself where
     * it is alone), and on an overlay every container of the other hosts.
     */
    private List<Lookup> dnsLookups(List<Placed> placed) {
        List<Lookup> lookups = new ArrayList<>();
        if (lab.agents().image().isPresent()) {
            return lookups; // the lab's own agent image need not have swarmlab's probe in it
        }
        for (Network network : lab.createdNetworks()) {
            Map<String, List<Placed>> onHost = new LinkedHashMap<>();
            placed.stream().filter(p -> p.running() && p.address(network.name()).isPresent())
                    .forEach(p -> onHost.computeIfAbsent(p.host(), h -> new ArrayList<>()).add(p));
            onHost.forEach((host, here) -> here.stream().filter(p -> p.agent().role() == Agent.Role.AGENT && p.agent().workload().isEmpty())
                    .findFirst().ifPresent(from -> onHost.forEach((other, there) -> {
                        if (other.equals(host) || network.swarmScope()) {
                            // Every name: a host's records can arrive one by one (after its daemon restarted, say).
                            List<Placed> names = there.stream().filter(p -> p != from).toList();
                            for (Placed to : names.isEmpty() ? List.of(from) : names) {
                                lookups.add(new Lookup(from, network.name(), to.name(), other, to.address(network.name()).orElseThrow()));
                            }
                        }
                    })));
        }
        return lookups;
    }

    /**
     * Each host's embedded DNS answers for its own containers, and on an overlay for every other
     * host's (their records come by gossip): one exec per asking agent, every lookup of it in it.
     */
    private List<Problem> dns(List<Placed> placed, Set<String> cut) {
        Map<String, List<Lookup>> byAgent = new LinkedHashMap<>();
        // Across a host cut off on purpose, names may go with its gossip: only each host's own are awaited then.
        dnsLookups(placed).stream().filter(l -> l.host().equals(l.from().host()) || !cut.contains(l.host()) && !cut.contains(l.from().host()))
                .forEach(l -> byAgent.computeIfAbsent(l.from().name(), k -> new ArrayList<>()).add(l));
        List<Lookup> failed = Collections.synchronizedList(new ArrayList<>());
        Map<Lookup, String> got = new ConcurrentHashMap<>();
        Parallel.each(List.copyOf(byAgent.values()), Deadline.in(CALL.plusSeconds(5), "the embedded DNS checks"), lookups -> {
            Placed from = lookups.get(0).from();
            Map<String, String> answers = new ConcurrentHashMap<>();
            StringBuilder input = new StringBuilder();
            for (int i = 0; i < lookups.size(); i++) {
                input.append(RunStore.json(Map.of("id", "dns" + i, "kind", "dns", "target", lookups.get(i).name(), "timeoutMs", 2000))).append('\n');
            }
            input.append('\n');
            Optional<Connection> host = connections.get(from.host());
            if (host.isPresent()) {
                try {
                    host.get().docker().exec(from.id(), AgentImage.command("probe"), input.toString().getBytes(StandardCharsets.UTF_8), CALL, line -> {
                        try {
                            var json = RunStore.JSON.readTree(line);
                            answers.put(json.path("id").asText(), json.path("timings").path("addresses").isArray()
                                    ? json.path("timings").path("addresses").toString() : json.path("reason").asText("no answer"));
                        } catch (IOException e) {
                            // not a result line
                        }
                    });
                } catch (SwarmlabException e) {
                    answers.put("error", e.getMessage()); // no answers: every lookup below fails, with this reason
                }
            }
            for (int i = 0; i < lookups.size(); i++) {
                String answer = answers.getOrDefault("dns" + i, answers.getOrDefault("error", "no answer"));
                if (!answer.contains("\"" + lookups.get(i).address() + "\"")) {
                    failed.add(lookups.get(i));
                    got.put(lookups.get(i), answer);
                }
            }
            return true;
        });
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Lookup>> across = new LinkedHashMap<>();
        for (Lookup l : failed) {
            if (l.host().equals(l.from().host())) {
                problems.add(new Problem(Check.EMBEDDED_DNS, l.host(), l.network(), l.host() + "'s embedded DNS does not answer for its own container "
                        + l.name() + " on " + l.network() + " (asked from " + l.from().name() + ", expected " + l.address() + ", got " + got.get(l) + ")"));
            } else {
                across.computeIfAbsent(l.host() + "\u0000" + l.network(), k -> new ArrayList<>()).add(l);
            }
        }
        across.values().forEach(ls -> {
            Lookup first = ls.get(0);
            List<String> askers = ls.stream().map(l -> l.from().host()).distinct().sorted().toList();
            problems.add(new Problem(Check.NAMES_ACROSS_HOSTS, first.host(), first.network(), askers, first.host() + "'s containers on "
                    + first.network() + " do not resolve by name on " + String.join(" and ", askers) + " (" + first.name() + ": " + got.get(first) + ")"));
        });
        return problems;
    }
}
