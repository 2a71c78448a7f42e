package dev.swarmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.CliRun;
import dev.swarmlab.Each;
import dev.swarmlab.HostLogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog on three emulated hosts: `swarmlab run --all` runs every lab in labs/, and every cell
 * of every lab must match its expectation. Then, separately, each lab's key cells are checked
 * against what concepts.md says happens, from the measurements alone, so that an expectation rule
 * that drifted (and would let a wrong observation "match") is caught.
 */
class LabsIT {
    private static final String PREFIX = "sllab";
    private static final Path HOME = Path.of("/var/lib/swarmlab-it-labs");
    @RegisterExtension
    static final HostLogs LOGS = new HostLogs(PREFIX, HOME);
    private static final Path LABS = LabSchemaTest.LABS;
    private static final Path INVENTORY = HOME.resolve(PREFIX).resolve("inventory.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CliRun all;

    static CliRun hosts(String... args) {
        return CliRun.hosts(PREFIX, HOME, args);
    }

    @BeforeAll
    static void runEveryLab() {
        hosts("down");
        CliRun up = hosts("up", "--count", "3", "--subnet", "10.251.0.0/24");
        assertEquals(0, up.exit(), up.all());
        all = CliRun.of("run", "--all", "--labs", LABS.toString(), "--inventory", INVENTORY.toString());
    }

    @AfterAll
    static void hostsDown() {
        hosts("down");
    }

    /** Every lab passes, and after each one's destroy every host is as it was: nothing labelled, no swarm, no docker_gwbridge, no chain. */
    @Test
    void everyLabRunsAndEveryCellMatches() {
        assertEquals(0, all.exit(), all.all());
        for (LabCatalog.Entry lab : LabCatalog.of(LABS).entries()) {
            assertTrue(all.out().lines().anyMatch(l -> l.startsWith(lab.name() + " ") && l.contains(" passed ") && l.contains(" clean ")),
                    lab.name() + " passed and its destroy left every host clean, in the summary table:\n" + all.out());
        }
    }

    /** Each lab's networks, as every host reports them once deployed, are what the lab asks (and the default bridges Docker's defaults). */
    @Test
    void everyHostReportsEveryNetworkAsTheLabAsks() throws Exception {
        for (LabCatalog.Entry lab : LabCatalog.of(LABS).entries()) {
            List<JsonNode> deployed = new ArrayList<>();
            latest(lab.name()).path("findings").forEach(f -> {
                if (f.path("kind").asText().equals("AS_DEPLOYED")) {
                    deployed.add(f);
                }
            });
            assertFalse(deployed.isEmpty(), lab.name() + " has its networks' findings");
            assertTrue(Each.all(deployed.stream(), f -> f.path("status").asText().equals("PASS")), lab.name() + ": " + deployed);
        }
    }

    /** What concepts.md says each lab must show, as predicates over its measured cells. */
    private static final Map<String, Map<String, Predicate<List<JsonNode>>>> KEY_CELLS = keyCells();

    private static Map<String, Map<String, Predicate<List<JsonNode>>>> keyCells() {
        Map<String, Map<String, Predicate<List<JsonNode>>>> labs = new LinkedHashMap<>();
        Map<String, Predicate<List<JsonNode>>> drivers = new LinkedHashMap<>();
        drivers.put("4: an overlay crosses hosts by name", cells -> all(cells, "lab-overlay", "by name", false, "tcp", "ok"));
        drivers.put("3: containers on one user bridge reach each other by name", cells -> all(cells, "lab-bridge", "by name", true, "tcp", "ok"));
        drivers.put("3: the default bridge does not resolve names", cells -> all(cells, "bridge", "by name", true, "dns", "blocked"));
        drivers.put("3: the default bridge reaches by address", cells -> all(cells, "bridge", "by address", true, "tcp", "ok"));
        drivers.put("4: a bridge is local to its host", cells -> all(cells, "lab-bridge", "by address", false, "tcp", "misrouted"));
        drivers.put("3: two networks are isolated", cells -> all(cells, "lab-bridge", "other network", true, "tcp", "blocked"));
        drivers.put("4: host mode answers at the host's address", cells -> all(cells, "host", "by address", false, "tcp", "ok"));
        drivers.put("4: none reaches nothing", cells -> all(cells, "none", "to host", true, "tcp", "blocked"));
        drivers.put("1: an overlay reaches the outside world", cells -> all(cells, "lab-overlay", "to outside", false, "http", "ok"));
        labs.put("drivers", drivers);

        Map<String, Predicate<List<JsonNode>>> addressing = new LinkedHashMap<>();
        addressing.put("6: a container pinned with --ip is reached at that address", cells -> Each.all(select(cells, "pinned", "by address", true, "tcp")
                .stream().filter(c -> c.path("target").asText().equals("fixed")), c -> c.path("dial").asText().equals("192.168.100.123") && c.path("outcome").asText().equals("ok")));
        addressing.put("6: its name resolves to the pinned address", cells -> Each.all(select(cells, "pinned", "by name", true, "dns").stream()
                .filter(c -> c.path("target").asText().equals("fixed")), c -> c.path("raw").path("timings").path("addresses").toString().equals("[\"192.168.100.123\"]")));
        labs.put("addressing", addressing);

        Map<String, Predicate<List<JsonNode>>> appDb = new LinkedHashMap<>();
        appDb.put("3: the app reaches the db by name on 27017", cells -> Each.all(select(cells, "app-net", "by name", true, "tcp").stream()
                .filter(c -> c.path("source").asText().equals("app") && c.path("dial").asText().equals("mongodb")), c -> c.path("outcome").asText().equals("ok") && c.path("port").asInt() == 27017));
        appDb.put("3: the db publishes nothing", cells -> all(cells, "host", "unpublished port", null, "tcp", "blocked"));
        appDb.put("3, 5: the app's published port answers at its host's address",
                cells -> all(cells, "host", "published port", null, "tcp", "ok"));
        labs.put("app-db", appDb);

        Map<String, Predicate<List<JsonNode>>> containers = new LinkedHashMap<>();
        containers.put("3: the default bridge reaches by address, not by name", cells -> all(round(cells, 0), "bridge", "by address", true, "tcp", "ok")
                && all(round(cells, 0), "bridge", "by name", true, "dns", "blocked"));
        containers.put("3: a user network resolves names", cells -> all(round(cells, 0), "front", "by name", true, "tcp", "ok"));
        containers.put("3: two networks are isolated", cells -> all(round(cells, 0), "front", "other network", true, "tcp", "blocked"));
        containers.put("3: one container on two networks answers on both", cells -> round(cells, 0).stream().filter(c -> c.path("target")
                .asText().equals("api") && c.path("route").asText().equals("by address") && c.path("probe").asText().equals("tcp"))
                .map(c -> c.path("network").asText() + "=" + c.path("outcome").asText()).collect(Collectors.toSet())
                .equals(Set.of("front=ok", "back=ok")));
        containers.put("3: network connect makes the peer reachable", cells -> between(round(cells, 1), "web", "store", "back", "ok")
                && between(round(cells, 0), "web", "store", "front", "blocked"));
        containers.put("3: network disconnect takes it away again", cells -> between(round(cells, 2), "web", "store", "front", "blocked")
                && Each.none(round(cells, 2).stream(), c -> c.path("source").asText().equals("web") && c.path("network").asText().equals("back")));
        labs.put("containers", containers);

        Map<String, Predicate<List<JsonNode>>> lifecycle = new LinkedHashMap<>();
        lifecycle.put("7: the network in use is still there after rm and prune", cells -> all(round(cells, 3), "busy", "by name", true, "tcp", "ok"));
        labs.put("lifecycle", lifecycle);

        Map<String, Predicate<List<JsonNode>>> hostInternal = new LinkedHashMap<>();
        hostInternal.put("2: host.docker.internal reaches the host with host-gateway", cells -> Each.all(select(cells, "bridge", "host.docker.internal", true,
                "tcp").stream().filter(c -> c.path("source").asText().equals("with-flag")), c -> c.path("outcome").asText().equals("ok") && c.path("answeredBy").asText().startsWith("host-internal-host-h1")));
        hostInternal.put("2: without the flag the name does not resolve", cells -> Each.all(select(cells, "bridge", "host.docker.internal", true, "tcp")
                .stream().filter(c -> c.path("source").asText().equals("without-flag")), c -> c.path("outcome").asText().equals("blocked") && c.path("reason").asText().equals("no such name")));
        hostInternal.put("2: localhost is the container itself", cells -> Each.all(select(cells, "bridge", "localhost", true, "tcp").stream(), c -> c.path("answeredBy").asText().startsWith(c.path("source").asText() + "@")));
        labs.put("host-internal", hostInternal);

        Map<String, Predicate<List<JsonNode>>> links = new LinkedHashMap<>();
        links.put("3: --link makes the alias resolve in the linking container", cells -> Each.all(select(cells, "bridge", "by link alias", true, "tcp")
                .stream().filter(c -> c.path("source").asText().equals("frontend")), c -> c.path("outcome").asText().equals("ok") && c.path("answeredBy").asText().startsWith("database@")));
        links.put("3: the link is one-way", cells -> Each.all(select(cells, "bridge", "by link alias", true, "tcp").stream()
                .filter(c -> c.path("source").asText().equals("database")), c -> c.path("outcome").asText().equals("blocked")));
        labs.put("links", links);

        Map<String, Predicate<List<JsonNode>>> outside = new LinkedHashMap<>();
        for (String network : List.of("out-overlay", "out-bridge", "bridge", "host")) {
            outside.put("1: egress from " + network, cells -> all(cells, network, "to outside", false, "http", "ok"));
        }
        outside.put("1: none has no egress", cells -> all(cells, "none", "to outside", false, "http", "blocked"));
        outside.put("1: an --internal network has no egress", cells -> all(cells, "sealed-in", "to outside", false, "http", "blocked"));
        labs.put("outside", outside);

        // The catalog's hosts run this machine's own docker.io (Debian 12: 20.10): before 28.0. ProvisionIT runs the lab on 28 too.
        Map<String, Predicate<List<JsonNode>>> engines = new LinkedHashMap<>();
        engines.put("10: another host routed to a container reaches the ports it publishes, the one bound to 127.0.0.1 too",
                cells -> all(cells, "host", "routed, published", false, "tcp", "ok"));
        engines.put("10: a port it does not publish stays closed to that host", cells -> all(cells, "host", "routed, unpublished", false, "tcp",
                "blocked"));
        engines.put("1: an --internal bridge's containers reach their own host before 25.0", cells -> all(cells, "eng-sealed", "to host", true,
                "tcp", "ok"));
        labs.put("engines", engines);

        Map<String, Predicate<List<JsonNode>>> publishing = new LinkedHashMap<>();
        publishing.put("5: -p HOST:CONTAINER, -p CONTAINER and -P answer at the host's address", cells -> Each.all(select(cells, "host", "published port",
                null, "tcp").stream().filter(c -> !c.path("target").asText().startsWith("one-address")), c -> c.path("outcome").asText().equals("ok")));
        publishing.put("5: -p CONTAINER and -P take random host ports", cells -> Each.all(select(cells, "host", "published port", null, "tcp").stream()
                .filter(c -> c.path("target").asText().startsWith("any-port") || c.path("target").asText().startsWith("all-ports")), c -> c.path("port").asInt() >= 32768));
        publishing.put("5: -p IP:HOST:CONTAINER answers at that address only", cells -> Each.all(select(cells, "host", "published port", null, "tcp")
                .stream().filter(c -> c.path("target").asText().startsWith("one-address")), c -> c.path("outcome").asText().equals(c.path("dial").asText().equals("127.0.0.1") ? "ok" : "blocked")));
        labs.put("publishing", publishing);

        Map<String, Predicate<List<JsonNode>>> services = new LinkedHashMap<>();
        services.put("9: tasks.NAME resolves to every task", cells -> all(cells, "svc-overlay", "tasks.NAME", null, "dns", "ok"));
        services.put("9: tasks.NAME reaches a task", cells -> all(cells, "svc-overlay", "tasks.NAME", null, "tcp", "ok"));
        services.put("9: a service's name resolves", cells -> all(cells, "svc-overlay", "service name", null, "dns", "ok"));
        services.put("9: dnsrr reaches a task without a VIP", cells -> Each.all(select(cells, "svc-overlay", "service name", null, "tcp").stream()
                .filter(c -> c.path("target").asText().equals("rr")), c -> c.path("outcome").asText().equals("ok")));
        services.put("5: mode=host publishing answers only on the node where the task runs", cells -> {
            List<JsonNode> pinned = select(cells, "host", "published port", null, "tcp").stream()
                    .filter(c -> c.path("target").asText().startsWith("pinned ")).toList();
            return pinned.size() == 9 && Each.all(pinned.stream(), c -> c.path("outcome").asText().equals(c.path("targetHost").asText()
                    .equals("h2") ? "ok" : "blocked"));
        });
        labs.put("services", services);

        Map<String, Predicate<List<JsonNode>>> encrypted = new LinkedHashMap<>();
        encrypted.put("9: an encrypted overlay on one host needs no ESP", cells -> all(cells, "sealed", "by address", true, "tcp", "ok"));
        encrypted.put("9: an overlay's names resolve across hosts", cells -> all(cells, "sealed", "by name", false, "dns", "ok"));
        encrypted.put("4: a plain overlay crosses hosts", cells -> all(cells, "plain", "by address", false, "tcp", "ok"));
        labs.put("encrypted-overlay", encrypted);

        Map<String, Predicate<List<JsonNode>>> mtu = new LinkedHashMap<>();
        mtu.put("9: the default overlay carries full-size packets between 1500-byte underlays", cells -> Each.all(round(cells, 0).stream()
                .filter(c -> c.path("network").asText().equals("wide") && c.path("probe").asText().equals("mtu")), c -> c.path("outcome").asText().equals("ok") && c.path("timings").path("interfaceMtu").asInt() == 1450));
        mtu.put("9: with h2's underlay at 1400, full-size packets to and from h2 are lost, between h1 and h3 they pass", cells -> {
            List<JsonNode> wide = select(round(cells, 1), "wide", "by address", false, "mtu");
            return Each.all(wide.stream(), c -> c.path("outcome").asText().equals(touches(c, "h2") ? "blocked" : "ok"))
                    && Each.all(wide.stream().filter(c -> touches(c, "h2")), c -> c.path("timings").path("largestPayload").asInt() < 1422);
        });
        mtu.put("9: small packets still cross to h2", cells -> all(round(cells, 1), "wide", "by address", false, "icmp", "ok"));
        mtu.put("9: an overlay with `mtu: 1400` (1350 inside) carries full-size packets over the 1400 underlay", cells -> Each.all(round(cells, 1)
                .stream().filter(c -> c.path("network").asText().equals("snug") && c.path("probe").asText().equals("mtu")), c -> c.path("outcome").asText().equals("ok") && c.path("timings").path("interfaceMtu").asInt() == 1350));
        mtu.put("9: restored, the default overlay carries full-size packets again", cells -> all(round(cells, 2), "wide", "by address", false,
                "mtu", "ok"));
        labs.put("overlay-mtu", mtu);

        Map<String, Predicate<List<JsonNode>>> partition = new LinkedHashMap<>();
        partition.put("4: cut off, h3 reaches no other host and no other host reaches it, on the overlay or host to host", cells -> Each.all(Stream.of(
                "span", "host").flatMap(n -> select(round(cells, 1), n, "by address", false, "tcp").stream()), c -> c.path("outcome").asText().equals(touches(c, "h3") ? "blocked" : "ok")));
        partition.put("4: cut off, every host still reaches its own containers", cells -> all(round(cells, 1), "span", "by address", true, "tcp",
                "ok") && all(round(cells, 1), "local", "by address", true, "tcp", "ok"));
        partition.put("4: restored, the overlay crosses to h3 again", cells -> all(round(cells, 2), "span", "by address", false, "tcp", "ok"));
        labs.put("partition", partition);

        Map<String, Predicate<List<JsonNode>>> macvlan = new LinkedHashMap<>();
        macvlan.put("4: macvlan containers on two hosts reach each other on the segment", cells -> all(cells, "segment", "by address", false,
                "tcp", "ok"));
        macvlan.put("4: a macvlan network's names resolve on its own host only", cells -> all(cells, "segment", "by name", true, "dns", "ok")
                && all(cells, "segment", "by name", false, "dns", "blocked"));
        macvlan.put("4: a macvlan container does not reach its own host", cells -> all(cells, "segment", "to host", true, "tcp", "blocked"));
        // hN's slice is the N-th /26 of 10.107.0.0/24 (three hosts: the fewest slices that leave the gateway's out)
        macvlan.put("4: each host hands out addresses from its own slice of the subnet", cells -> Each.all(select(cells, "segment", "by address", null,
                "tcp").stream(), c -> c.path("dial").asText().startsWith("10.107.0.")
                && Integer.parseInt(c.path("dial").asText().substring("10.107.0.".length())) >> 6 == Integer.parseInt(c.path("targetHost")
                .asText().substring(1))));
        labs.put("macvlan", macvlan);
        return labs;
    }

    @Test
    void eachLabsKeyCellsShowWhatTheConceptsSay() throws Exception {
        Set<String> catalog = new TreeSet<>(LabCatalog.of(LABS).entries().stream().map(LabCatalog.Entry::name).toList());
        assertEquals(catalog, new TreeSet<>(KEY_CELLS.keySet()), "every lab has its key cells here, and only labs of the catalog");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Map<String, Predicate<List<JsonNode>>>> lab : KEY_CELLS.entrySet()) {
            JsonNode report = latest(lab.getKey());
            List<JsonNode> cells = new ArrayList<>();
            report.path("cells").forEach(cells::add);
            lab.getValue().forEach((claim, holds) -> {
                if (!holds.test(cells)) {
                    wrong.add(lab.getKey() + ": " + claim);
                }
            });
            boolean ipvs = !findingWarns(report, "kernel: ip_vs");
            boolean esp = !findingWarns(report, "kernel: esp");
            if (lab.getKey().equals("services")) {
                // 9: the VIP forwards only through IPVS
                boolean vip = Each.all(select(cells, "svc-overlay", "service name", null, "tcp").stream().filter(c -> c.path("target").asText().equals("web")), c -> c.path("outcome").asText().equals(ipvs ? "ok" : "blocked"));
                if (!vip) {
                    wrong.add("services: 9: a VIP answers " + (ipvs ? "with" : "only with") + " IPVS");
                }
                if (!Each.all(select(cells, "host", "published port", null, "tcp").stream().filter(c -> c.path("target").asText().startsWith("web ")), c -> c.path("outcome").asText().equals(ipvs ? "ok" : "blocked"))) {
                    wrong.add("services: 5: the routing mesh answers on every node " + (ipvs ? "with" : "only with") + " IPVS");
                }
            }
            if (lab.getKey().equals("addressing") && !report.path("networks").get(0).path("subnets").get(0).path("gateway").asText()
                    .equals("192.168.100.254")) {
                wrong.add("addressing: 6: the network has the gateway the lab chose: " + report.path("networks"));
            }
            if (lab.getKey().equals("addressing") && !report.path("rounds").toString().matches(".*\"outcome\":\"refused\".*user defined"
                    + " networks only.*")) {
                wrong.add("addressing: 6: a static ip on the default bridge is refused: " + report.path("rounds"));
            }
            if (lab.getKey().equals("containers")) {
                // 3: a default-bridge address is not kept across a restart: old2, started first, comes back at old1's old address
                String had = attempt(report, "docker stop old1").map(r -> r.path("detail").asText().replaceAll(".*it had (\\S+) on bridge.*", "$1"))
                        .orElse("?");
                String now = attempt(report, "docker start old2").map(r -> r.path("detail").asText().replaceAll(".*at (\\S+) on bridge.*", "$1"))
                        .orElse("!");
                if (!had.equals(now)) {
                    wrong.add("containers: 3: restarted first, old2 takes old1's freed address " + had + " (it came back at " + now + ")");
                }
            }
            if (lab.getKey().equals("addressing") && !attempt(report, "docker network create auto (no --subnet) on h1").map(r -> r
                    .path("outcome").asText().equals("done") && r.path("detail").asText().matches("h1: auto got 172\\.(1[7-9]|2\\d|3[01])\\.0\\.0/16;.*"))
                    .orElse(false)) {
                wrong.add("addressing: 6: without --subnet a network takes the next free range of the default pools: " + report.path("rounds"));
            }
            if (lab.getKey().equals("publishing") && !report.path("rounds").toString().matches(".*\"outcome\":\"refused\".*port is already"
                    + " allocated.*")) {
                wrong.add("publishing: 5: a taken host port is refused: " + report.path("rounds"));
            }
            if (lab.getKey().equals("links") && !attempt(report, "gives frontend DB_* variables").map(r -> r.path("outcome").asText()
                    .equals("done") && r.path("detail").asText().contains("DB_NAME=/frontend/db")).orElse(false)) {
                wrong.add("links: 3: --link injects the linked container's environment into the linking one: " + report.path("rounds"));
            }
            if (lab.getKey().equals("links") && !attempt(report, "database gets no DB_* variables back").map(r -> r.path("outcome").asText()
                    .equals("done")).orElse(false)) {
                wrong.add("links: 3: the linked container gets no environment back: " + report.path("rounds"));
            }
            if (lab.getKey().equals("lifecycle")) {
                List<String> steps = new ArrayList<>();
                report.path("rounds").forEach(r -> {
                    if (!r.path("title").asText().contains("no-swarm")) {
                        steps.add(r.path("outcome").asText() + ": " + r.path("detail").asText());
                    }
                });
                if (!attempt(report, "docker network create --driver overlay no-swarm on h1").map(r -> r.path("outcome").asText()
                        .equals("refused") && r.path("detail").asText().contains("swarm")).orElse(false)) {
                    wrong.add("lifecycle: 4: without a swarm, creating an overlay network fails: " + report.path("rounds"));
                }
                if (steps.isEmpty() || !steps.remove(0).matches("refused: h1: network nowhere not found")) {
                    wrong.add("lifecycle: 4: --network to a missing network fails (networks are never created implicitly)");
                }
                if (steps.size() != 3 || !steps.get(0).matches("refused: h1: .*has active endpoints.*") || !steps.get(1).matches("done: pruned the"
                        + " lab's unused networks: h1: removed idle(;.*)?") || !steps.get(2).matches("refused: h1: .*network idle not found.*")) {
                    wrong.add("lifecycle: 7: rm refuses a network in use, prune removes only the unused one: " + steps);
                }
            }
            if (lab.getKey().equals("encrypted-overlay") && !all(cells, "sealed", "by address", false, "tcp", esp ? "ok" : "blocked")) {
                wrong.add("encrypted-overlay: 9: an encrypted overlay crosses hosts " + (esp ? "with" : "only with") + " ESP");
            }
        }
        assertTrue(wrong.isEmpty(), "claims the measurements contradict: " + wrong);
    }

    /** The newest run of the lab, as `show --json` gives it. */
    static JsonNode latest(String lab) throws Exception {
        CliRun runs = CliRun.of("runs", "--lab", lab, "--json");
        assertEquals(0, runs.exit(), runs.all());
        JsonNode list = JSON.readTree(runs.out());
        assertFalse(list.isEmpty(), "lab " + lab + " has a run");
        CliRun show = CliRun.of("show", list.get(list.size() - 1).path("id").asText(), "--json");
        assertEquals(0, show.exit(), show.all());
        return JSON.readTree(show.out());
    }

    private static List<JsonNode> round(List<JsonNode> cells, int round) {
        return cells.stream().filter(c -> c.path("round").asInt() == round).toList();
    }

    /** Every tcp cell from one container to another on that network came out so (there must be some). */
    private static boolean between(List<JsonNode> cells, String from, String to, String network, String outcome) {
        List<JsonNode> found = cells.stream().filter(c -> c.path("source").asText().equals(from) && c.path("target").asText().equals(to)
                && c.path("network").asText().equals(network) && c.path("probe").asText().equals("tcp")).toList();
        assertFalse(found.isEmpty(), "no tcp cells " + from + " -> " + to + " on " + network);
        return Each.all(found.stream(), c -> c.path("outcome").asText().equals(outcome));
    }

    /** The row of the report's steps and attempts whose title holds the text. */
    private static Optional<JsonNode> attempt(JsonNode report, String title) {
        for (JsonNode row : report.path("rounds")) {
            if (row.path("title").asText().contains(title)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static boolean touches(JsonNode cell, String host) {
        return cell.path("sourceHost").asText().equals(host) || cell.path("targetHost").asText().equals(host);
    }

    private static boolean findingWarns(JsonNode report, String check) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("check").asText().equals(check) && !finding.path("status").asText().equals("PASS")) {
                return true;
            }
        }
        return false;
    }

    /** The cells of a network by route, same host or not (null: either), and probe; there must be some. */
    private static List<JsonNode> select(List<JsonNode> cells, String network, String route, Boolean sameHost, String probe) {
        List<JsonNode> found = cells.stream().filter(c -> c.path("network").asText().equals(network) && c.path("route").asText().equals(route)
                && (sameHost == null || c.path("sameHost").asBoolean() == sameHost) && c.path("probe").asText().equals(probe)).toList();
        assertFalse(found.isEmpty(), "no cells " + network + " " + route + " same-host=" + sameHost + " " + probe);
        return found;
    }

    private static boolean all(List<JsonNode> cells, String network, String route, Boolean sameHost, String probe, String outcome) {
        return Each.all(select(cells, network, route, sameHost, probe).stream(), c -> c.path("outcome").asText().equals(outcome));
    }
}
