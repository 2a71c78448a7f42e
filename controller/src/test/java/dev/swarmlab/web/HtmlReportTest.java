package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.run.RunHistory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported page: one file, the style, the script and the run inlined, nothing fetched. */
class HtmlReportTest {
    @TempDir
    Path state;

    @Test
    void inlinesTheStyleTheScriptAndTheRunSoTheFileNeedsNothingElse() throws Exception {
        ScriptedRun.record(state, "r1");
        String html = HtmlReport.html(new RunHistory(state).require("r1"));
        assertFalse(html.contains("src=\"app.js\""), "no script to fetch");
        assertFalse(html.contains("href=\"style.css\""), "no style sheet to fetch");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing from the network");
        assertTrue(html.contains("<style>") && html.contains("--same:"), "the style is inline");
        assertEquals(3, html.split("</script>", -1).length, "exactly the data and the script, neither ended early by its content");
        int from = html.indexOf("window.SWARMLAB_REPORT = ") + "window.SWARMLAB_REPORT = ".length();
        String data = html.substring(from, html.indexOf(";</script>", from)).replace("<\\/", "</");
        JsonNode report = new ObjectMapper().readTree(data);
        assertEquals("r1", report.path("run").path("id").asText());
        assertEquals(ScriptedRun.cells().size(), report.path("cells").size());
    }
}
