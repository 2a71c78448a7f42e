package dev.swarmlab.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.Deadline;
import dev.swarmlab.Parallel;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.net.Subnet;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.ssh.SshSession.TcpReach;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks, on all hosts in parallel, what a deploy needs, and says what it found: reachability,
 * engine versions, hostnames, clocks, addresses, the swarm ports between every pair (tested, not
 * assumed), kernel features, MTU, subnet clashes, leftovers and foreign swarms.
 */
public final class Preflight {
    private static final Duration CALL = Duration.ofSeconds(15);
    private static final Duration PORT_DEADLINE = Duration.ofSeconds(3);
    private static final long SKEW_WARN_MS = 2_000;
    private static final long SKEW_FAIL_MS = 60_000;

    private final Lab lab;
    private final Connections connections;
    private final Map<String, HostView> views;
    private final DeployPlanner.Plan plan;

    public Preflight(Lab lab, Connections connections, Map<String, HostView> views, DeployPlanner.Plan plan) {
        this.lab = lab;
        this.connections = connections;
        this.views = views;
        this.plan = plan;
    }

    public List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        connections.unreachable().forEach((host, error) -> findings.add(Finding.fail("ssh and docker", host, error.getMessage(),
                error.remedy() == null ? "make the host reachable over SSH, with dockerd running" : error.remedy())));
        List<Connection> reached = connections.reached();
        reached.forEach(c -> findings.add(Finding.pass("ssh and docker", c.name(), "Docker " + views.get(c.name()).engine().version()
                + " via " + c.docker().endpoint())));
        findings.addAll(versions());
        findings.addAll(hostnames());
        // The swarm-port checks between hosts run while each host checks itself.
        var ports = CompletableFuture.supplyAsync(() -> ports(reached),
                task -> new Thread(task, "preflight ports").start());
        List<Parallel.Outcome<Connection, List<Finding>>> perHost = Parallel.each(reached,
                Deadline.in(Duration.ofMinutes(1), "preflight checks on every host"), this::hostChecks);
        perHost.forEach(o -> findings.addAll(o.ok() ? o.value()
                : List.of(Finding.fail("host checks", o.key().name(), o.error().getMessage(), "see the error"))));
        findings.addAll(Deadline.in(Duration.ofMinutes(2), "the swarm-port checks between the hosts").get(ports));
        plan.conflicts().forEach(c -> findings.add(Finding.fail(c.check(), c.host(), c.problem(), c.remedy())));
        return findings;
    }

    private List<Finding> versions() {
        Map<String, List<String>> byMajor = views.values().stream().collect(Collectors.groupingBy(
                v -> v.engine().version().split("\\.")[0], TreeMap::new, Collectors.mapping(HostView::host, Collectors.toList())));
        if (byMajor.size() <= 1) {
            return List.of(Finding.pass("engine version", "all", "Docker " + String.join(", ", views.values().stream()
                    .map(v -> v.engine().version()).distinct().toList()) + " on every host"));
        }
        return List.of(Finding.warn("engine version", "all", "different major versions: " + byMajor,
                "a lab on mixed engines is allowed; Docker supports a swarm of one engine version, so install one where the lab is not about versions"));
    }

    private List<Finding> hostnames() {
        Map<String, List<String>> byName = views.values().stream().collect(Collectors.groupingBy(v -> v.engine().hostname(),
                TreeMap::new, Collectors.mapping(HostView::host, Collectors.toList())));
        List<Finding> findings = new ArrayList<>();
        byName.forEach((name, hosts) -> {
            if (hosts.size() > 1) {
                findings.add(Finding.fail("unique hostnames", String.join(",", hosts), "hostname '" + name + "' on " + hosts,
                        "give every host its own hostname: Swarm names nodes by it"));
            }
        });
        return findings.isEmpty() ? List.of(Finding.pass("unique hostnames", "all", String.join(", ", byName.keySet()))) : findings;
    }

    private List<Finding> hostChecks(Connection c) {
        List<Finding> findings = new ArrayList<>();
        findings.add(clock(c));
        HostFacts facts = HostFacts.gather(c.ssh(), CALL);
        String address = c.host().address();
        var device = facts.interfaceOf(address);
        findings.add(device.isPresent()
                ? Finding.pass("advertise address", c.name(), address + " on " + device.get())
                : Finding.fail("advertise address", c.name(), address + " is not an address of the host (it has "
                        + facts.ipv4Addresses() + ")", "put the host's own address in the inventory: Swarm advertises it"));
        findings.addAll(kernel(c.name(), facts));
        device.flatMap(facts::mtu).ifPresent(mtu -> findings.addAll(mtus(c.name(), device.get(), mtu)));
        findings.addAll(subnets(c, facts));
        findings.addAll(leftovers(c));
        findings.addAll(hostPorts(c));
        return findings;
    }

    /**
     * A host-mode agent or workload listens on the host's own ports 7000/tcp, 7001/udp and 8080/tcp:
     * another lab's, still running there, would keep this lab's from starting.
     */
    private List<Finding> hostPorts(Connection c) {
        boolean needs = lab.networks().stream().anyMatch(n -> n.driver() == Network.Driver.HOST
                && (lab.agents().networks().contains(n.name()) || lab.workloads().stream().anyMatch(w -> w.networks().stream()
                .anyMatch(a -> a.network().equals(n.name())))));
        if (!needs) {
            return List.of();
        }
        List<String> holders = c.docker().containers(Fleet.NETWORK_LABEL, "host").stream()
                .filter(o -> !lab.name().equals(o.labels().get(Lab.LABEL)) && "running".equals(o.state()))
                .map(o -> o.name() + " (lab " + o.labels().getOrDefault(Lab.LABEL, "?") + ")").toList();
        if (holders.isEmpty()) {
            return List.of(Finding.pass("host ports", c.name(), "7000/tcp, 7001/udp and 8080/tcp free of other labs' host-mode agents"));
        }
        return List.of(Finding.fail("host ports", c.name(), "7000/tcp, 7001/udp and 8080/tcp are held by host-mode " + String.join(", ", holders),
                "destroy that lab first (swarmlab destroy LAB), or run the labs one after another with `swarmlab run --all`"));
    }

    /** The host's clock must read a time between our before and after; the distance outside that window is the skew. */
    private Finding clock(Connection c) {
        long before = System.currentTimeMillis();
        long remote = Long.parseLong(c.ssh().exec("date +%s%3N", CALL).orThrow().stdout().strip());
        long after = System.currentTimeMillis();
        long skew = remote < before ? remote - before : remote > after ? remote - after : 0;
        String evidence = skew == 0 ? "agrees with this machine's within the " + (after - before) + " ms round trip"
                : "differs from this machine's by at least " + skew + " ms";
        if (Math.abs(skew) > SKEW_FAIL_MS) {
            return Finding.fail("clock skew", c.name(), evidence, "synchronise the clocks (NTP): Swarm's certificates need it");
        }
        return Math.abs(skew) > SKEW_WARN_MS
                ? Finding.warn("clock skew", c.name(), evidence, "synchronise the clocks (NTP)")
                : Finding.pass("clock skew", c.name(), evidence);
    }

    private List<Finding> kernel(String host, HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        if (!facts.kernelConfigKnown()) {
            findings.add(Finding.warn("kernel features", host, "neither /proc/config.gz nor /boot/config-$(uname -r) is readable",
                    "swarmlab cannot tell whether vxlan, ip_vs and ESP are there; results will show"));
            return findings;
        }
        boolean overlays = lab.networks().stream().anyMatch(Network::swarmScope);
        boolean encrypted = lab.networks().stream().anyMatch(Network::encrypted);
        boolean vxlan = facts.kernelOption("VXLAN").isPresent() || facts.modules().contains("vxlan");
        findings.add(vxlan ? Finding.pass("kernel: vxlan", host, "CONFIG_VXLAN=" + facts.kernelOption("VXLAN").orElse("loaded"))
                : overlays ? Finding.fail("kernel: vxlan", host, "no VXLAN in this kernel", "overlay networks need CONFIG_VXLAN")
                : Finding.warn("kernel: vxlan", host, "no VXLAN in this kernel", "this lab has no overlay, so it does not matter here"));
        boolean ipvs = facts.kernelOption("IP_VS").isPresent() || facts.modules().contains("ip_vs");
        findings.add(ipvs ? Finding.pass("kernel: ip_vs", host, "CONFIG_IP_VS=" + facts.kernelOption("IP_VS").orElse("loaded"))
                : Finding.warn("kernel: ip_vs", host, "no IP_VS in this kernel: service VIPs and the ingress routing mesh do not forward",
                "cells through a service VIP or the routing mesh are expected blocked, with this reason; tasks.NAME and dnsrr still work"));
        if (lab.networks().stream().anyMatch(n -> n.driver() == Network.Driver.MACVLAN)) {
            boolean macvlan = facts.kernelOption("MACVLAN").isPresent() || facts.modules().contains("macvlan");
            findings.add(macvlan ? Finding.pass("kernel: macvlan", host, "CONFIG_MACVLAN=" + facts.kernelOption("MACVLAN").orElse("loaded"))
                    : Finding.fail("kernel: macvlan", host, "no MACVLAN in this kernel: a macvlan network cannot be created",
                    "run this lab on hosts whose kernel has CONFIG_MACVLAN"));
        }
        boolean esp = facts.kernelOption("INET_ESP").isPresent() || facts.modules().contains("esp4");
        findings.add(esp ? Finding.pass("kernel: esp", host, "CONFIG_INET_ESP=" + facts.kernelOption("INET_ESP").orElse("loaded"))
                : Finding.warn("kernel: esp", host, "no INET_ESP in this kernel: an encrypted overlay is created but carries nothing",
                encrypted ? "cells over the encrypted overlay are expected blocked, with this reason" : "this lab has no encrypted overlay"));
        return findings;
    }

    private List<Finding> mtus(String host, String device, int mtu) {
        List<Finding> findings = new ArrayList<>();
        for (Network network : lab.networks()) {
            if (!network.swarmScope()) {
                continue;
            }
            int overlay = network.overlayMtu();
            int headers = network.underlayMtuNeeded() - overlay;
            String evidence = device + " mtu " + mtu + ", overlay " + network.name() + " mtu " + overlay + " + " + headers + " bytes of VXLAN"
                    + (network.encrypted() ? " and ESP" : "");
            findings.add(network.underlayMtuNeeded() <= mtu ? Finding.pass("underlay mtu", host, evidence)
                    : Finding.warn("underlay mtu", host, evidence + ": packets larger than " + (mtu - headers) + " bytes will be dropped",
                    "give the overlay `mtu: " + mtu + "` (Docker takes the " + headers + " bytes of headers off it itself) or raise the underlay MTU"));
        }
        return findings;
    }

    private List<Finding> subnets(Connection c, HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        HostView view = views.get(c.name());
        List<Subnet> routes = routes(facts.routesJson());
        for (Network network : lab.createdNetworks()) {
            if (network.subnet().isEmpty()) {
                continue;
            }
            Subnet planned = network.subnet().get();
            boolean deployed = view.network(network.name()).map(n -> lab.name().equals(n.labels().get(Lab.LABEL))).orElse(false);
            List<String> clashes = new ArrayList<>();
            for (NetworkState existing : view.networks()) {
                if (!existing.name().equals(network.name()) && existing.subnets().stream().anyMatch(s -> Subnet.parse(s).overlaps(planned))) {
                    clashes.add("Docker network " + existing.name() + " " + existing.subnets());
                }
            }
            if (!deployed) {
                routes.stream().filter(r -> r.overlaps(planned)).forEach(r -> clashes.add("route " + r));
            }
            findings.add(clashes.isEmpty() ? Finding.pass("subnet " + planned, c.name(), "free" + (deployed ? " (the lab's own network)" : ""))
                    : Finding.fail("subnet " + planned, c.name(), network.name() + " would overlap " + String.join(", ", clashes),
                    "choose another subnet for " + network.name() + " in the lab file"));
        }
        return findings;
    }

    private static List<Subnet> routes(String json) {
        try {
            JsonNode routes = new ObjectMapper().readTree(json);
            List<Subnet> result = new ArrayList<>();
            for (JsonNode route : routes) {
                String dst = route.path("dst").asText();
                if (!dst.isEmpty() && !dst.equals("default")) {
                    result.add(Subnet.parse(dst));
                }
            }
            return result;
        } catch (IOException | SwarmlabException e) {
            return List.of();
        }
    }

    /**
     * What an earlier lab left that would spoil this one: endpoints whose container is gone and
     * SWARMLAB-* chains (failures: the next swarm or probe would be judged on a broken host); the
     * lab's own containers that deploy does not manage, and networks no longer in the lab (warnings).
     */
    private List<Finding> leftovers(Connection c) {
        List<Finding> findings = new ArrayList<>();
        List<Leftovers.Leftover> broken = Leftovers.ofHost(c, views.get(c.name()).engine().inSwarm());
        if (!broken.isEmpty()) {
            boolean gossip = broken.stream().anyMatch(l -> l.kind().equals("gossip"));
            findings.add(Finding.fail("leftovers", c.name(), String.join("; ", broken.stream().map(Leftovers.Leftover::toString).toList()),
                    gossip ? "restart dockerd on " + c.name() + " (systemctl restart docker; an emulated host: end its dockerd, then"
                            + " `swarmlab hosts up` starts it again); nothing a lab made needs removing for that"
                            : "run `swarmlab destroy LAB --repair` with the lab that left them (it lists what it removes first)"));
        }
        int containers = (int) c.docker().containers(Lab.LABEL, lab.name()).stream()
                .filter(o -> !o.labels().containsKey(Fleet.ROLE_LABEL)).count();
        long stale = plan.actions().stream().filter(a -> a.host().equals(c.name()) && a instanceof Action.RemoveNetwork).count();
        if (containers > 0 || stale > 0) {
            findings.add(Finding.warn("leftovers", c.name(), containers + " container(s) and " + stale
                            + " network(s) labelled " + Lab.LABEL + "=" + lab.name() + " from an earlier deploy",
                    "deploy leaves containers it did not make and removes networks no longer in the lab; `swarmlab destroy` removes all"));
        }
        return findings.isEmpty() ? List.of(Finding.pass("leftovers", c.name(), "nothing of an earlier deploy of " + lab.name()
                + ", no stale endpoint, no SWARMLAB-* chain")) : findings;
    }

    /** 7946/tcp between every pair and 2377/tcp to every manager, asked of each host's own sshd; 7946 and 4789/udp listened for. */
    private List<Finding> ports(List<Connection> reached) {
        Map<String, Boolean> hasPython = new ConcurrentHashMap<>();
        Parallel.each(reached, Deadline.in(CALL, "python3 on every host"),
                c -> hasPython.put(c.name(), c.ssh().exec("command -v python3", CALL).ok()));
        record Probe(Connection from, Connection to, int port) {
        }
        List<String> managers = lab.swarm().map(s -> s.managers()).orElse(List.of());
        if (lab.swarm().isEmpty()) {
            return List.of();
        }
        List<Probe> probes = new ArrayList<>();
        for (Connection from : reached) {
            for (Connection to : reached) {
                if (from != to) {
                    probes.add(new Probe(from, to, 7946));
                    if (managers.contains(to.name())) {
                        probes.add(new Probe(from, to, 2377));
                    }
                }
            }
        }
        List<Parallel.Outcome<Probe, TcpReach>> outcomes = Parallel.each(probes, Deadline.in(Duration.ofSeconds(30),
                "swarm port checks"), p -> p.from().ssh().reach(p.to().host().address(), p.port(), PORT_DEADLINE));
        Map<String, List<String>> bad = new TreeMap<>();
        Map<String, List<String>> good = new TreeMap<>();
        for (Parallel.Outcome<Probe, TcpReach> o : outcomes) {
            String line = o.key().to().name() + ":" + o.key().port() + "/tcp " + (o.ok() ? o.value().name().toLowerCase() : "error");
            boolean open = o.ok() && (o.value() == TcpReach.OPEN || o.value() == TcpReach.REFUSED);
            (open ? good : bad).computeIfAbsent(o.key().from().name(), k -> new ArrayList<>()).add(line);
        }
        List<Finding> findings = new ArrayList<>();
        for (Connection from : reached) {
            List<String> failed = bad.getOrDefault(from.name(), List.of());
            findings.add(failed.isEmpty()
                    ? Finding.pass("swarm ports", from.name(), "reaches " + String.join(", ", good.getOrDefault(from.name(), List.of()))
                    + " (refused = path open, nothing listening yet)")
                    : Finding.fail("swarm ports", from.name(), "cannot reach " + String.join(", ", failed),
                    "open 2377/tcp, 7946/tcp+udp and 4789/udp between the hosts"));
        }
        findings.addAll(UdpCheck.run(reached, hasPython, 7946, 4789));
        return findings;
    }

    public static boolean anyFailed(Collection<Finding> findings) {
        return findings.stream().anyMatch(f -> f.status() == Finding.Status.FAIL);
    }

    static Set<String> failedHosts(Collection<Finding> findings) {
        return findings.stream().filter(f -> f.status() == Finding.Status.FAIL).map(Finding::host).collect(Collectors.toSet());
    }
}
