package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.Trees;
import dev.swarmlab.lab.ProbeKind;
import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.run.HostEvidence;
import dev.swarmlab.run.RunHistory;
import dev.swarmlab.run.RunStore;
import dev.swarmlab.run.StepRound;
import dev.swarmlab.session.LabState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (Debian's headless chromium, driven by Selenium through chromium-driver):
 * a stored run's matrices and comparison against the stored data, a cell's evidence, keyboard moves,
 * the history's diff, a live run followed to its end, and the exported file opened from disk.
 * Screenshots go to target/screenshots/.
 */
class PageIT {
    private static final String ROUND1_RULE = "-A DOCKER ! -i br-1234 -p tcp --dport 8088 -j DNAT --to-destination 10.91.0.9:80";
    private static final String BEFORE = "20261124-090000-aaaa";
    private static final String AFTER = "20261124-100000-bbbb";
    private static final String STEPPED = "20261124-080000-cccc";
    private static final Path SHOTS = Path.of("target", "screenshots");
    /** Selenium warns on every start that it has no DevTools for this chromium; the tests do not use DevTools. */
    private static final Logger QUIET = Logger.getLogger("org.openqa.selenium.devtools");
    private static final String TOKEN = "page-it-token";
    /** The names a foreign site uses: its own, and one that its DNS rebinds to this machine (chromium maps both to 127.0.0.1). */
    private static final String FOREIGN = "foreign.example";
    private static final String REBOUND = "rebound.example";
    private static Path state;
    private static Vertx vertx;
    private static WebServer server;
    private static HttpServer foreign;
    private ChromeDriver browser;

    @BeforeAll
    static void serve() throws Exception {
        QUIET.setLevel(Level.SEVERE);
        state = Files.createTempDirectory("swarmlab-page-it");
        ScriptedRun.record(state, BEFORE);
        ScriptedRun.record(state, AFTER);
        // One change between the two runs: h1-a's icmp to h2-a on the overlay stops answering.
        try (RunStore store = RunStore.open(LabState.of(state, ScriptedRun.LAB).runs())) {
            Cell cell = ScriptedRun.cells().stream().filter(c -> c.network().equals("lab-overlay") && c.probe() == ProbeKind.ICMP
                    && c.source().endsWith("h1-a") && c.target().endsWith("h2-a")).findFirst().orElseThrow();
            store.record(AFTER, CellResult.judge(cell, new ObjectMapper().readTree(
                    "{\"outcome\":\"blocked\",\"reason\":\"timeout\",\"evidence\":\"no answer in 3000 ms\"}")));
        }
        // A run with a step: its round 1 has every cell again, and the step was refused as the lab expected.
        ScriptedRun.record(state, STEPPED);
        try (RunStore store = RunStore.open(LabState.of(state, ScriptedRun.LAB).runs())) {
            List<Cell> again = ScriptedRun.cells().stream().map(c -> c.inRound(1)).toList();
            store.round(STEPPED, StepRound.of(1, "docker network rm lab-bridge", "remove-network", true, "refused",
                    "h1: error while removing network: network lab-bridge has active endpoints"), again);
            for (Cell c : again) {
                store.record(STEPPED, ScriptedRun.result(c));
            }
            // h1 as the step left it: one more DNAT rule than round 0 had
            HostEvidence h1 = ScriptedRun.evidence("h1", "10.250.0.11", "manager", true);
            store.evidence(STEPPED, 1, List.of(new HostEvidence("h1", h1.node(), h1.networks(), h1.bridges(),
                    h1.natRules() + ROUND1_RULE + "\n", List.of())));
        }
        Path labs = Files.createDirectories(state.resolve("labs"));
        Files.copy(Path.of("../labs/drivers.yaml"), labs.resolve("drivers.yaml"));
        vertx = Vertx.vertx();
        server = new WebServer(new WebServer.Options("127.0.0.1", 0, Optional.of(TOKEN), state, labs, Optional.empty(), new ScriptedRun(40),
                List.of()));
        vertx.deployVerticle(server).await();
        foreign = vertx.createHttpServer().requestHandler(request -> request.response().putHeader("Content-Type", "text/html")
                .end(foreignPage(server.port()))).listen(0, "127.0.0.1").await();
        Files.createDirectories(SHOTS);
    }

    /**
     * Another site's page, as an attacker would write it: a form that posts to the lab's runs (text/plain, the kind a form
     * may send anywhere), a fetch that does the same without CORS, and a fetch that tries to read the runs. What each got
     * is written into the page.
     */
    private static String foreignPage(int port) {
        String target = "http://127.0.0.1:" + port;
        return "<!doctype html><html><body><form id=f method=POST enctype=text/plain target=sink action='" + target
                + "/api/labs/drivers/runs'><input name='{\"probes\":[\"tcp\"],\"x\":\"' value='\"}'></form>"
                + "<iframe name=sink></iframe><pre id=out></pre><script>"
                + "var out = document.getElementById('out');"
                + "function say(t) { out.textContent += t + '\\n'; }"
                + "fetch('" + target + "/api/labs/drivers/runs', {method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}',"
                + " headers: {'Content-Type': 'text/plain'}}).then(function (r) { say('post: ' + r.type); }, function (e) { say('post: ' + e); });"
                + "fetch('" + target + "/api/runs', {credentials: 'include'}).then(function (r) { return r.text()"
                + ".then(function (t) { say('read: ' + r.status + ' ' + t); }); }, function (e) { say('read: failed ' + e); });"
                + "document.getElementById('f').submit();"
                + "</script></body></html>";
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await();
        Trees.delete(state);
    }

    @BeforeEach
    void browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1600,1200",
                "--host-resolver-rules=MAP " + FOREIGN + " 127.0.0.1, MAP " + REBOUND + " 127.0.0.1");
        // The console, to see every Content-Security-Policy violation the page causes.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // As a user would: the address `swarmlab serve` printed, which leaves the token in a cookie and itself at once.
        browser.get("http://127.0.0.1:" + server.port() + "/?token=" + TOKEN);
        waiting(10).until(d -> d.getCurrentUrl().equals("http://127.0.0.1:" + server.port() + "/"));
    }

    @AfterEach
    void close(TestInfo test) throws Exception {
        if (browser != null) {
            shot(test.getTestMethod().orElseThrow().getName() + "-end");
            List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
            browser.quit();
            assertEquals(List.of(), violations, "the page works under its Content-Security-Policy");
        }
    }

    @Test
    void aForeignSiteCanNeitherStartARunNorReadOne() throws Exception {
        int before = new RunHistory(state).runs().size();
        browser.get("http://" + FOREIGN + ":" + foreign.actualPort() + "/");
        WebElement out = browser.findElement(By.id("out"));
        waiting(20).until(d -> out.getText().contains("post: ") && out.getText().contains("read: "));
        shot("foreign-site");
        String said = out.getText();
        assertTrue(said.contains("read: failed"), "another origin cannot read the answer: " + said);
        // A page whose name its DNS rebinds to 127.0.0.1 asks on its own origin, so with its own name as Host: refused.
        for (String path : List.of("/api/runs", "/api/runs/" + AFTER, "/")) {
            browser.get("http://" + REBOUND + ":" + server.port() + path);
            String body = browser.findElement(By.tagName("body")).getText();
            assertTrue(body.contains("\"status\":403") && body.contains("does not answer to the host name '" + REBOUND + "'"), path + ": " + body);
            assertFalse(body.contains(AFTER) && !path.equals("/"), "no run was read: " + body);
        }
        Thread.sleep(2000); // what the form and the fetch might have started would be recorded by now (the scripted run begins at once)
        assertEquals(before, new RunHistory(state).runs().size(), "no run was started: " + said);
        // The form's answer was not even shown in the foreign page's frame (frame-ancestors 'none'): the console says so, and
        // that is the attack's, not the page's, violation.
        List<String> console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).toList();
        assertTrue(console.stream().anyMatch(m -> m.contains("frame-ancestors 'none'")), "the frame was refused: " + console);
    }

    private void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private String url(String hash) {
        return "http://127.0.0.1:" + server.port() + "/" + hash;
    }

    private List<WebElement> chips() {
        return browser.findElements(By.cssSelector("button.chip[data-cell]"));
    }

    private WebElement chip(String id) {
        return browser.findElement(By.cssSelector("button.chip[data-cell=\"" + id.replace("\"", "\\\"") + "\"]"));
    }

    /** The state a cell should show, worked out here from the stored verdict and outcome. */
    private static String expectedState(JsonNode cell) {
        String verdict = cell.path("verdict").asText();
        if (!verdict.equals("matched")) {
            return verdict;
        }
        if (cell.path("outcome").asText().equals("misrouted")) {
            return "elsewhere";
        }
        return cell.path("expected").path("outcome").asText().equals("blocked") ? "blocked" : "matched";
    }

    private static final Map<String, String> SYMBOLS = Map.of("matched", "\u2713", "blocked", "\u2298", "unexpected", "\u2717", "error", "!",
            "elsewhere", "\u21b7", "misrouted", "\u21aa", "not-measured", "\u2026");

    @Test
    void aStoredRunShowsEveryCellAndTheComparisonAsStored() throws Exception {
        browser.get(url("#run=" + AFTER));
        JsonNode report = new RunHistory(state).require(AFTER).json();
        waiting(20).until(d -> chips().size() == report.path("cells").size());
        shot("stored-run");
        assertTrue(browser.findElement(By.id("title")).getText().contains(AFTER));
        Set<String> seenStates = new TreeSet<>();
        for (JsonNode cell : report.path("cells")) {
            WebElement chip = chip(cell.path("id").asText());
            String expected = expectedState(cell);
            seenStates.add(expected);
            assertEquals(cell.path("verdict").asText(), chip.getAttribute("data-verdict"), cell.path("id").asText());
            assertEquals(expected, chip.getAttribute("data-state"), cell.path("id").asText());
            assertTrue(chip.getText().startsWith(SYMBOLS.get(expected) + " " + cell.path("probe").asText()), "a symbol, not colour alone: " + chip.getText());
            WebElement pair = chip.findElement(By.xpath("./ancestor::td"));
            assertEquals(cell.path("sameHost").asBoolean(), pair.getAttribute("class").contains("same"), "same-host cells stand apart");
            assertTrue(pair.getText().contains(cell.path("sameHost").asBoolean() ? "same host" : "cross-host"));
        }
        assertEquals(Set.of("blocked", "elsewhere", "error", "matched", "unexpected"), seenStates, "the run has every kind of cell");
        WebElement latency = chip(report.path("cells").get(0).path("id").asText()).findElement(By.xpath("./ancestor::td"));
        assertTrue(latency.getText().matches("(?s).*\\d+\\.\\d+ ms.*"), "latency in the cell: " + latency.getText());

        for (JsonNode row : report.path("summary").path("comparison")) {
            Iterator<Map.Entry<String, JsonNode>> columns = row.fields();
            while (columns.hasNext()) {
                Map.Entry<String, JsonNode> column = columns.next();
                if (column.getKey().equals("network") || column.getKey().startsWith("median")) {
                    continue;
                }
                WebElement td = browser.findElement(By.cssSelector("#comparison-table tr[data-network=\"" + row.path("network").asText()
                        + "\"] td[data-column=\"" + column.getKey() + "\"]"));
                assertEquals(column.getValue().asText(), td.getAttribute("data-value"));
                assertTrue(td.getText().contains(column.getValue().asText().replace(" !", "")), td.getText());
            }
            WebElement median = browser.findElement(By.cssSelector("#comparison-table tr[data-network=\"" + row.path("network").asText()
                    + "\"] td[data-column=\"median latency\"]"));
            assertEquals(String.format(Locale.ROOT, "%.3f ms", row.path("medianLatencyMs").asDouble()), median.getText());
        }

        List<WebElement> hosts = browser.findElements(By.cssSelector("svg.topology rect[data-host]"));
        assertEquals(2, hosts.size());
        String picture = browser.findElement(By.cssSelector("svg.topology")).getText();
        assertTrue(picture.contains("manager (leader)") && picture.contains("worker"), picture);
        assertTrue(picture.contains("10.90.0.0/24"), "the overlay's subnet: " + picture);
        assertEquals(report.path("placed").size(), browser.findElements(By.cssSelector("svg.topology g[data-container]")).size());

        WebElement warn = browser.findElement(By.cssSelector("#findings tr[data-status=WARN]"));
        assertTrue(warn.getText().contains("kernel: ip_vs") && warn.getText().contains("service VIP cells are expected blocked"), warn.getText());
    }

    @Test
    void aCellOpensItsEvidenceByClickOrByKeyboard() throws Exception {
        browser.get(url("#run=" + AFTER));
        waiting(20).until(d -> !chips().isEmpty());
        WebElement surprise = browser.findElement(By.cssSelector("button.chip[data-state=unexpected]"));
        new Actions(browser).scrollToElement(surprise).perform();
        String id = surprise.getAttribute("data-cell");
        surprise.click();
        WebElement dialog = browser.findElement(By.id("evidence"));
        waiting(10).until(d -> dialog.isDisplayed() && !d.findElements(By.id("cell-raw")).isEmpty());
        shot("cell-evidence");
        String facts = browser.findElement(By.id("cell-facts")).getText();
        assertTrue(facts.contains("an overlay spans hosts"), "the expectation's reason: " + facts);
        assertTrue(facts.contains("blocked (timeout)"), "what was observed: " + facts);
        assertTrue(browser.findElement(By.id("cell-spec")).getText().contains("\"id\": \"" + id + "\""), "the probe spec");
        assertTrue(browser.findElement(By.id("cell-raw")).getText().contains("\"outcome\": \"blocked\""));
        List<WebElement> hosts = browser.findElements(By.cssSelector("#evidence-body section.host-evidence"));
        assertEquals(List.of("h1", "h2"), hosts.stream().map(h -> h.getAttribute("data-host")).sorted().toList(), "both hosts' evidence");
        String h1 = hosts.get(0).getText();
        assertTrue(h1.contains("docker network inspect lab-overlay") && h1.contains("\"Driver\": \"overlay\""), h1);
        assertTrue(h1.contains("br-1234: veth1a, veth2b"), "the bridge's members: " + h1);
        assertTrue(h1.contains("MASQUERADE"), "the NAT rules: " + h1);
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        waiting(5).until(d -> !dialog.isDisplayed());

        WebElement first = chips().get(0);
        first.sendKeys(Keys.ARROW_RIGHT);
        WebElement moved = browser.switchTo().activeElement();
        assertNotEquals(first.getAttribute("data-cell"), moved.getAttribute("data-cell"), "the arrow moved the focus");
        assertEquals("chip", moved.getAttribute("class").split(" ")[0]);
        moved.sendKeys(Keys.ARROW_DOWN);
        WebElement below = browser.switchTo().activeElement();
        assertNotEquals(moved.getAttribute("data-cell"), below.getAttribute("data-cell"));
        below.sendKeys(Keys.ENTER);
        waiting(10).until(d -> dialog.isDisplayed() && d.findElement(By.id("evidence-h")).getText().contains(below.getAttribute("data-cell")
                .split("/")[1]));
    }

    @Test
    void aRunWithStepsShowsEachStepAndEachRoundsMatrices() throws Exception {
        browser.get(url("#run=" + STEPPED));
        int cells = ScriptedRun.cells().size();
        waiting(20).until(d -> chips().size() == 2 * cells);
        WebElement step = browser.findElement(By.cssSelector("#rounds tr[data-round=\"1\"]"));
        assertTrue(step.getText().contains("docker network rm lab-bridge") && step.getText().contains("refused")
                && step.getText().contains("matched") && step.getText().contains("has active endpoints"), step.getText());
        List<WebElement> round1 = browser.findElements(By.cssSelector("table.matrix[data-round=\"1\"]"));
        assertEquals(2, round1.size(), "one matrix per network in round 1");
        assertTrue(browser.findElement(By.id("matrices-body")).getText().contains("round 1, after \u201cdocker network rm lab-bridge\u201d"));
        assertEquals(cells, browser.findElements(By.cssSelector("table.matrix[data-round=\"1\"] button.chip")).size());
        shot("stepped-run");
        // A cell's evidence is the hosts as they were for its round: after the step in round 1, as found in round 0.
        assertEquals(List.of("On h1, as step 1 left it|true", "On h2|false"), hostEvidence("table.matrix[data-round=\"1\"] button.chip"));
        assertEquals(List.of("On h1|false", "On h2|false"), hostEvidence("table.matrix[data-round=\"0\"] button.chip"));
    }

    /** Opens the first cell chip the selector finds whose cell crosses h1 and h2; each host's evidence heading and whether it has ROUND1_RULE. */
    private List<String> hostEvidence(String chips) {
        WebElement chip = browser.findElements(By.cssSelector(chips)).stream().filter(c -> c.getAttribute("data-cell").contains("h1-a")
                && c.getAttribute("data-cell").contains("h2-a")).findFirst().orElseThrow();
        chip.click();
        WebElement dialog = browser.findElement(By.id("evidence"));
        waiting(10).until(d -> dialog.isDisplayed() && d.findElements(By.cssSelector("#evidence-body section.host-evidence")).size() == 2);
        List<String> seen = browser.findElements(By.cssSelector("#evidence-body section.host-evidence")).stream()
                .map(s -> s.findElement(By.tagName("h3")).getText() + "|" + s.findElement(By.cssSelector("pre.nat")).getAttribute("textContent")
                        .contains(ROUND1_RULE)).sorted().toList();
        browser.findElement(By.id("evidence-close")).click();
        return seen;
    }

    @Test
    void theHistoryShowsOnlyWhatChangedBetweenTwoRuns() throws Exception {
        browser.get(url("#run=" + AFTER));
        waiting(20).until(d -> !d.findElements(By.cssSelector("#runs tr[data-run]")).isEmpty());
        assertEquals(3, browser.findElements(By.cssSelector("#runs tr[data-run]")).size());
        new Select(browser.findElement(By.id("diff-before"))).selectByValue(BEFORE);
        new Select(browser.findElement(By.id("diff-after"))).selectByValue(AFTER);
        browser.findElement(By.id("diff-show")).click();
        WebElement counts = waiting(10).until(d -> d.findElement(By.id("diff-counts")));
        assertEquals("1 changed, 0 only in " + AFTER + ", 0 only in " + BEFORE, counts.getText());
        List<WebElement> rows = browser.findElements(By.cssSelector("#diff tbody tr"));
        assertEquals(1, rows.size(), "only what changed");
        assertTrue(rows.get(0).getText().contains("matched / ok") && rows.get(0).getText().contains("unexpected / blocked (timeout)"),
                rows.get(0).getText());
        shot("diff");
    }

    @Test
    void aLiveRunIsFollowedToItsEnd() throws Exception {
        browser.get(url("#run=" + AFTER));
        waiting(20).until(d -> !chips().isEmpty());
        browser.findElement(By.id("start-run")).click();
        WebElement bar = browser.findElement(By.id("progress"));
        int total = ScriptedRun.cells().size();
        AtomicInteger midway = new AtomicInteger(-1);
        waiting(60).until(d -> {
            String done = bar.getAttribute("data-done");
            if (done != null && Integer.parseInt(done) > 0 && Integer.parseInt(done) < total && midway.get() < 0) {
                midway.set(Integer.parseInt(done));
                try {
                    shot("live-run-midway");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long pending = chips().stream().filter(c -> "not-measured".equals(c.getAttribute("data-state"))).count();
                assertTrue(pending > 0, "cells still to come show as pending");
            }
            return d.findElement(By.id("live")).getAttribute("data-over") != null;
        });
        assertTrue(midway.get() > 0, "the bar moved through the run, not just to its end");
        assertEquals("failed", browser.findElement(By.id("live")).getAttribute("data-over"), "the scripted run ends with one surprise");
        assertEquals(String.valueOf(total), bar.getAttribute("data-done"));
        assertEquals(String.valueOf(total), bar.getAttribute("data-total"));
        String runId = browser.findElement(By.id("run-id")).getText();
        assertFalse(runId.equals(AFTER) || runId.equals(BEFORE), "the page shows the new run: " + runId);
        assertEquals(total, chips().size());
        assertEquals(0, chips().stream().filter(c -> "not-measured".equals(c.getAttribute("data-state"))).count(), "every cell measured");
        assertTrue(browser.findElement(By.id("steps")).getText().contains("connecting to 2 hosts"), "the deploy steps were shown");
        assertEquals("failed", browser.findElement(By.id("run-status")).getText());
    }

    @Test
    void theExportedFileOpensFromDiskAndShowsTheSamePage() throws Exception {
        Path file = Path.of("target", "report-export.html").toAbsolutePath();
        HtmlReport.write(new RunHistory(state).require(AFTER), file);
        browser.get(file.toUri().toString());
        JsonNode report = new RunHistory(state).require(AFTER).json();
        waiting(20).until(d -> chips().size() == report.path("cells").size());
        shot("exported-file");
        for (JsonNode cell : report.path("cells")) {
            assertEquals(expectedState(cell), chip(cell.path("id").asText()).getAttribute("data-state"));
        }
        assertEquals(report.path("summary").path("comparison").size(), browser.findElements(By.cssSelector("#comparison-table tbody tr")).size());
        WebElement surprise = browser.findElement(By.cssSelector("button.chip[data-state=unexpected]"));
        new Actions(browser).scrollToElement(surprise).perform();
        surprise.click();
        waiting(10).until(d -> !d.findElements(By.id("cell-raw")).isEmpty());
        assertTrue(browser.findElement(By.id("cell-raw")).getText().contains("\"outcome\""));
        assertTrue(browser.findElement(By.id("history-body")).getText().contains("This file holds one run"));
        assertTrue(browser.findElement(By.id("start-run")).getAttribute("hidden") != null, "no server, no new runs");
    }
}
