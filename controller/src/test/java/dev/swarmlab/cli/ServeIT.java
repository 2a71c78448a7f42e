package dev.swarmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.CliRun;
import dev.swarmlab.session.LabState;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * `swarmlab serve --detach` as `make demo` runs it: the printed address carries the token and opens the page; the token is
 * in serve.token (0600, in a 0700 state root) and never in serve.log (0600); `serve --url` prints the address again.
 */
class ServeIT {
    private static final Path ROOT = LabState.root();

    @AfterEach
    void stop() {
        CliRun.of("serve", "--stop");
    }

    @Test
    void theDetachedServerPrintsItsTokenedAddressAndKeepsTheTokenOutOfItsLog() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CliRun started = CliRun.of("serve", "--detach", "--port", String.valueOf(port), "--labs", "../labs");
        assertEquals(0, started.exit(), started.all());
        String address = started.out().lines().filter(l -> l.contains("open http://")).findFirst().orElseThrow()
                .replaceAll(".*open (\\S+).*", "$1");
        assertTrue(address.matches("http://127\\.0\\.0\\.1:" + port + "/\\?token=[0-9a-f]{32}"), started.out());
        String token = address.substring(address.indexOf("token=") + 6);

        assertEquals(token, Files.readString(ROOT.resolve("serve.token")).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ROOT.resolve("serve.token"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ROOT.resolve("serve.log"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ROOT)));
        String log = Files.readString(ROOT.resolve("serve.log"));
        assertTrue(log.contains("serving runs from"), log);
        assertFalse(log.contains(token), "the token is never in the log: " + log);

        CliRun url = CliRun.of("serve", "--url");
        assertEquals(address, url.out().strip(), url.all());

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("http://127.0.0.1:" + port + "/", page.uri().toString(), "redirected to the page, the token in a cookie");
        assertTrue(page.body().contains("<script src=\"app.js\">"));
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "another host name is another cookie jar: no token there");
    }
}
