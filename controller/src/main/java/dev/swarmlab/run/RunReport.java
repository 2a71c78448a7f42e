package dev.swarmlab.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.Finding;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A stored run as files: report.json (everything) and junit.xml (one test case per cell; an expected block that blocked passes).
 * {@code evidence} is the hosts as the run found them; {@code roundEvidence}, as each step left them, by round.
 */
public record RunReport(RunInfo run, List<StoredPlacement> placed, List<StoredCell> cells, List<HostEvidence> evidence,
                        List<StepRound> rounds, Map<Integer, List<HostEvidence>> roundEvidence, List<JsonNode> gates) {
    public static RunReport load(RunStore store, String runId) {
        RunInfo run = store.run(runId).orElseThrow(() -> new SwarmlabException("no run " + runId + " in " + store.file(),
                "list the runs with `swarmlab runs`"));
        return new RunReport(run, store.placed(runId), store.cells(runId), store.evidence(runId), store.rounds(runId),
                store.roundEvidence(runId), store.gates(runId));
    }

    /** Every cell matched (or has no expectation to judge it by), and every step did what the lab expected (done, or refused by Docker). */
    public boolean passed() {
        return exitStatus() == 0;
    }

    /** `swarmlab run`'s exit status for this run, from the states of its cells and steps (see {@link Verdict}). */
    public int exitStatus() {
        List<Verdict> all = new ArrayList<>(cells.stream().map(StoredCell::verdict).toList());
        rounds.forEach(r -> all.add(r.verdict()));
        return Verdict.exitStatus(all);
    }

    /** How the run ended, in the word runs.db keeps: passed, failed (Docker did not do what it promises), incomplete (cells unknown). */
    public String outcome() {
        return switch (exitStatus()) {
            case 0 -> "passed";
            case 1 -> "failed";
            default -> "incomplete";
        };
    }

    /** The cells in figures, the driver comparison with an engine axis where the hosts run several engines. */
    public Summary summary() {
        Map<String, String> engines = new LinkedHashMap<>();
        evidence.stream().filter(h -> !h.node().engine().isEmpty()).forEach(h -> engines.put(h.host(), h.node().engine()));
        return Summary.of(cells, engines);
    }

    /** What the cells that did not match share, to say before listing them. */
    public List<Causes.Cause> causes() {
        return Causes.of(cells);
    }

    /** The convergence gates that did not pass, each as its sentence. */
    public List<String> unconverged() {
        return gates.stream().filter(g -> !g.path("converged").asBoolean()).map(g -> "round " + g.path("round").asInt() + ": "
                + g.path("text").asText()).toList();
    }

    /**
     * Where the hosts report a lab network otherwise than the lab asks, or a default bridge their
     * daemon configured otherwise than Docker's defaults: each as "HOST: CHECK: WHAT".
     */
    public List<String> asDeployed() {
        List<String> lines = new ArrayList<>();
        for (JsonNode node : tree(run.findings())) {
            try {
                Finding finding = RunStore.JSON.treeToValue(node, Finding.class);
                if (finding.differsAsDeployed()) {
                    lines.add(finding.line());
                }
            } catch (IOException e) {
                throw new SwarmlabException("run " + run.id() + ": a stored finding is not one: " + node, e);
            }
        }
        return lines;
    }

    public JsonNode json() {
        ObjectNode root = RunStore.JSON.createObjectNode();
        ObjectNode info = root.putObject("run");
        info.put("id", run.id()).put("lab", run.lab()).put("labFile", run.labFile()).put("started", run.started())
                .put("ended", run.ended().orElse(null)).put("status", run.status()).put("model", run.model());
        info.set("filter", tree(run.filter()));
        root.set("findings", tree(run.findings()));
        ArrayNode agents = root.putArray("placed");
        for (StoredPlacement p : placed) {
            ObjectNode node = agents.addObject().put("name", p.name()).put("host", p.host()).put("role", p.role()).put("running", p.running());
            node.set("networks", p.networks());
            node.set("addresses", p.addresses());
            node.set("ports", p.ports());
        }
        root.set("summary", RunStore.JSON.valueToTree(summaryJson()));
        root.set("rounds", RunStore.JSON.valueToTree(rounds.stream().map(r -> {
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("round", r.round());
            round.put("title", r.title());
            round.put("action", r.action());
            round.put("expected", r.expected());
            round.put("outcome", r.outcome());
            round.put("detail", r.detail());
            round.put("verdict", r.verdict().key());
            return round;
        }).toList()));
        root.set("hosts", hostsJson());
        root.set("networks", networksJson());
        // Every round's evidence in one list, each host's entry saying its round (0: as the run found them).
        ArrayNode hosts = root.putArray("evidence");
        Map<Integer, List<HostEvidence>> all = new TreeMap<>(roundEvidence);
        all.put(0, evidence);
        all.forEach((round, list) -> list.forEach(h -> {
            ObjectNode host = hosts.addObject().put("host", h.host()).put("round", round);
            ObjectNode networks = host.putObject("networks");
            h.networks().forEach((name, inspect) -> networks.set(name, tree(inspect.isEmpty() ? "null" : inspect)));
            host.put("bridges", h.bridges()).put("natRules", h.natRules());
            host.set("problems", RunStore.JSON.valueToTree(h.problems()));
        }));
        ArrayNode list = root.putArray("cells");
        cells.forEach(stored -> list.add(cellJson(stored)));
        return root;
    }

    /** One cell as the report, the API and the live stream show it: the plan, the expectation, and what was measured. */
    public static ObjectNode cellJson(StoredCell stored) {
        Cell c = stored.cell();
        ObjectNode node = RunStore.JSON.createObjectNode().put("id", c.id()).put("network", c.network()).put("source", c.source())
                .put("sourceHost", c.sourceHost()).put("target", c.target()).put("targetHost", c.targetHost())
                .put("sameHost", c.sameHost()).put("route", c.route().label()).put("probe", c.probe().wire()).put("dial", c.dial())
                .put("port", c.port());
        node.set("spec", RunStore.JSON.valueToTree(c.spec()));
        ObjectNode expected = node.putObject("expected").put("outcome", c.expected().label()).put("reason", c.expected().reason())
                .put("source", c.expected().source().name().toLowerCase(Locale.ROOT));
        // The reason as message keys and parameters (controller/.../plan/reasons.properties), for a page in another language.
        expected.set("why", RunStore.JSON.valueToTree(c.expected().why()));
        node.put("verdict", stored.verdict().key()).put("round", stored.round());
        stored.result().ifPresent(r -> {
            node.put("outcome", r.outcome()).put("reason", r.reason()).put("answeredBy", r.answeredBy().orElse(null))
                    .put("evidence", r.evidence());
            r.latencyMs().ifPresent(ms -> node.put("latencyMs", ms));
            node.set("timings", r.timings());
            node.set("raw", tree(r.raw()));
        });
        return node;
    }

    /** The hosts with their swarm role and state, as the run found them. */
    private ArrayNode hostsJson() {
        ArrayNode hosts = RunStore.JSON.createArrayNode();
        for (HostEvidence h : evidence) {
            ObjectNode host = hosts.addObject().put("name", h.host());
            host.setAll((ObjectNode) RunStore.JSON.valueToTree(h.node()));
        }
        return hosts;
    }

    /** The lab's networks as the hosts' `docker network inspect` describe them: driver, scope, subnets, and which hosts have them. */
    private ArrayNode networksJson() {
        Map<String, ObjectNode> networks = new LinkedHashMap<>();
        for (HostEvidence h : evidence) {
            h.networks().forEach((name, inspect) -> {
                ObjectNode network = networks.computeIfAbsent(name, n -> {
                    ObjectNode created = RunStore.JSON.createObjectNode().put("name", n);
                    created.putArray("subnets");
                    created.putArray("hosts");
                    return created;
                });
                JsonNode facts = inspect.isEmpty() ? RunStore.JSON.missingNode() : tree(inspect);
                if (!facts.isObject()) {
                    return;
                }
                ((ArrayNode) network.get("hosts")).add(h.host());
                network.put("driver", facts.path("Driver").asText()).put("scope", facts.path("Scope").asText())
                        .put("internal", facts.path("Internal").asBoolean()).put("attachable", facts.path("Attachable").asBoolean());
                ArrayNode subnets = (ArrayNode) network.get("subnets");
                facts.path("IPAM").path("Config").forEach(config -> {
                    String subnet = config.path("Subnet").asText("");
                    boolean known = false;
                    for (JsonNode s : subnets) {
                        known |= s.path("subnet").asText().equals(subnet);
                    }
                    if (!subnet.isEmpty() && !known) {
                        subnets.addObject().put("subnet", subnet).put("gateway", config.path("Gateway").asText("")).put("host", h.host());
                    }
                });
            });
        }
        ArrayNode list = RunStore.JSON.createArrayNode();
        networks.values().forEach(list::add);
        return list;
    }

    private Map<String, Object> summaryJson() {
        Summary summary = summary();
        Map<String, Object> json = new LinkedHashMap<>();
        CellCounts counts = summary.counts();
        json.put("allMatched", counts.of(Verdict.MATCHED) + counts.of(Verdict.NOT_JUDGED) == counts.cells());
        json.put("passed", passed());
        json.put("exitStatus", exitStatus());
        json.put("counts", counts.json());
        json.put("states", Verdict.table());
        json.put("gates", gates);
        json.put("causes", causes());
        json.put("networks", summary.networks().stream().map(Summary.NetworkCounts::json).toList());
        List<Summary.Column> columns = summary.columns();
        json.put("comparison", summary.comparison().stream().map(row -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("network", row.network());
            row.engine().ifPresent(engine -> r.put("engine", engine));
            columns.forEach(column -> r.put(column.label(), row.seen().get(column)));
            r.put("medianLatencyMs", row.medianLatencyMs().orElse(null));
            r.put("medianMbitPerSecond", row.medianMbitPerSecond().orElse(null));
            return r;
        }).toList());
        return json;
    }

    private static JsonNode tree(String json) {
        try {
            return RunStore.JSON.readTree(json);
        } catch (IOException e) {
            return RunStore.JSON.getNodeFactory().textNode(json);
        }
    }

    /** Writes report.json and junit.xml into the folder; returns the folder. */
    public Path write(Path dir) {
        writeJson(dir.resolve("report.json"));
        writeJunit(dir.resolve("junit.xml"));
        return dir;
    }

    public void writeJson(Path file) {
        written(file, out -> out.write(RunStore.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json())));
    }

    public void writeJunit(Path file) {
        written(file, this::junit);
    }

    private interface Content {
        void to(Writer out) throws IOException, XMLStreamException;
    }

    private static void written(Path file, Content content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                content.to(out);
            }
        } catch (IOException | XMLStreamException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), "check that its folder is writable", List.of(), e);
        }
    }

    private void junit(Writer out) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "swarmlab " + run.lab() + " " + run.id());
        for (Summary.NetworkCounts network : summary().networks()) {
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", run.lab() + "." + network.network());
            CellCounts counts = network.counts();
            xml.writeAttribute("tests", String.valueOf(counts.cells()));
            xml.writeAttribute("failures", String.valueOf(counts.of(Verdict.UNEXPECTED) + counts.of(Verdict.MISROUTED) + counts.of(Verdict.FLAKY)));
            xml.writeAttribute("errors", String.valueOf(counts.of(Verdict.ERROR)));
            xml.writeAttribute("skipped", String.valueOf(counts.of(Verdict.NOT_JUDGED) + counts.of(Verdict.PENDING)));
            for (StoredCell stored : cells.stream().filter(c -> c.cell().network().equals(network.network())).toList()) {
                testCase(xml, stored);
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    private void testCase(XMLStreamWriter xml, StoredCell stored) throws XMLStreamException {
        Cell c = stored.cell();
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", run.lab() + "." + c.network());
        xml.writeAttribute("name", c.source() + " -> " + c.target() + " " + c.route().label() + " (" + c.dial() + ") " + c.probe()
                + ": expected " + c.expected().label());
        stored.result().flatMap(r -> r.latencyMs()).ifPresent(ms -> {
            try {
                xml.writeAttribute("time", String.format(Locale.ROOT, "%.4f", ms / 1000));
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        });
        String observed = stored.result().map(CellResult::observation).orElse("not measured");
        Verdict verdict = stored.verdict();
        String element = switch (verdict) {
            case MATCHED -> "system-out";
            case UNEXPECTED, MISROUTED, FLAKY -> "failure";
            case ERROR -> "error";
            case NOT_JUDGED, PENDING -> "skipped";
        };
        xml.writeStartElement(element);
        if (verdict == Verdict.MATCHED) {
            xml.writeCharacters(observed + "; expected " + c.expected().label() + ": " + c.expected().reason());
        } else {
            xml.writeAttribute("type", verdict.key());
            xml.writeAttribute("message", verdict.label() + ": expected " + c.expected().label() + ", observed " + observed);
            xml.writeCharacters("why expected: " + c.expected().reason() + "\nevidence: " + stored.result().map(r -> r.evidence()).orElse(""));
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }
}
