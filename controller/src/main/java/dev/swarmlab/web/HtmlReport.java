package dev.swarmlab.web;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.run.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * `swarmlab report RUN --html FILE`: the page as one file, its style, script and the run's report
 * inlined, so it opens from disk with no server and no network (history and live runs need the server).
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String html(RunReport report) {
        String page = resource("index.html");
        String style = "<style>\n" + resource("style.css") + "</style>";
        // The data and the script go inside <script>: "</" must not end it early, and U+2028/2029 must not break the line.
        String data = "<script>window.SWARMLAB_REPORT = " + safe(report.json().toString()) + ";</script>";
        String script = "<script>\n" + safe(resource("app.js")) + "</script>";
        return replaceOnce(replaceOnce(page, "<link rel=\"stylesheet\" href=\"style.css\">", style), "<script src=\"app.js\"></script>",
                data + "\n" + script);
    }

    public static void write(RunReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, html(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + file + ": " + e.getMessage(), "check that its folder is writable", List.of(), e);
        }
    }

    private static String safe(String script) {
        return script.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String replaceOnce(String page, String tag, String with) {
        int at = page.indexOf(tag);
        if (at < 0) {
            throw new SwarmlabException("the page template " + WebServer.PAGE + "/index.html has no " + tag, "rebuild swarmlab (mvn package)");
        }
        return page.substring(0, at) + with + page.substring(at + tag.length());
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(WebServer.PAGE + "/" + name)) {
            if (in == null) {
                throw new SwarmlabException("the page's " + name + " is not on the class path (" + WebServer.PAGE + ")",
                        "rebuild swarmlab with its web module (mvn package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SwarmlabException("cannot read the page's " + name + ": " + e.getMessage(), e);
        }
    }
}
