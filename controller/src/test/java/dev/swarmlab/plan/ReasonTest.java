package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReasonTest {
    @Test
    void aReasonIsItsMessagesFilledInThenItsCitation() {
        Reason reason = Reason.of("filter.bound-not-here", "-p 127.0.0.1:8080:80", "127.0.0.1", "10.0.0.1", 8080).cited("5 -p");
        assertEquals("-p 127.0.0.1:8080:80 publishes on 127.0.0.1 only: the host's address 10.0.0.1 does not answer on 8080"
                + Citations.of("5 -p"), reason.text());
        assertEquals("filter.bound-not-here", reason.key());
        assertEquals(" (concepts 5 -p; docs.docker.com/engine/network/port-publishing/; seen on " + Citations.OBSERVED + ")",
                Citations.of("5 -p"));
    }

    @Test
    void aDefaultRouteIsSaidBeforeTheCitation() {
        Reason reason = Reason.of("filter.egress").cited("1 egress").and("stack.through", "front");
        assertTrue(reason.text().startsWith(Reason.english("filter.egress") + " (through front, which carries its default route"),
                reason.text());
        assertTrue(reason.text().endsWith(Citations.of("1 egress")), reason.text());
    }

    @Test
    void aKeyTheBundleLacksOrTheWrongNumberOfParametersFailsWhereTheReasonIsMade() {
        assertThrows(IllegalArgumentException.class, () -> Reason.of("filter.no-such-rule"));
        assertThrows(IllegalArgumentException.class, () -> Reason.of("stack.stopped"));
        assertThrows(IllegalArgumentException.class, () -> Reason.of("stack.none", "extra"));
        assertThrows(IllegalArgumentException.class, () -> Reason.of("stack.none").cited("no such concept"));
    }

    @Test
    void theLabsOwnWordsAreTakenAsWritten() {
        assertEquals("this lab's firewall drops {0} from h1, 100% of it", Reason.said("this lab's firewall drops {0} from h1, 100% of it").text());
    }

    @Test
    void aReasonGoesToJsonAndBackAsKeysAndParameters() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Reason reason = Reason.of("names.link", "db", "database", "app").cited("3 link");
        String written = json.writeValueAsString(reason);
        assertEquals("{\"parts\":[{\"key\":\"names.link\",\"args\":[\"db\",\"database\",\"app\"]}],\"concept\":\"3 link\"}", written);
        assertEquals(reason, json.readValue(written, Reason.class));
    }

    /** Every message is said by some code of the model, under a layer of the four, and every rule of the table has one. */
    @Test
    void everyMessageIsUsedAndNamesItsLayer() throws IOException {
        Properties bundle = new Properties();
        try (InputStream in = Reason.class.getResourceAsStream("reasons.properties")) {
            bundle.load(in);
        }
        String code;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/swarmlab/plan"))) {
            code = files.map(ReasonTest::read).collect(Collectors.joining("\n"));
        }
        List<String> unused = bundle.stringPropertyNames().stream().filter(k -> !code.contains("\"" + k + "\"")).sorted().toList();
        assertEquals(List.of(), unused, "messages no code says");
        List<String> unlayered = bundle.stringPropertyNames().stream().filter(k -> k.contains(".")
                && !List.of("stack", "forwarding", "filter", "names", "unmodelled").contains(k.substring(0, k.indexOf('.')))).toList();
        assertEquals(List.of(), unlayered);
        assertTrue(DriverRules.RULES.stream().allMatch(r -> List.of("stack", "forwarding", "filter", "names").contains(r.layer())));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
