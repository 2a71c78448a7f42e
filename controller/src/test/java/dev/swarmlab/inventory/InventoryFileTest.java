package dev.swarmlab.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryFileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void identity() throws IOException {
        Files.writeString(dir.resolve("id_ed25519"), "key");
        Files.writeString(dir.resolve("other_key"), "key");
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void defaultsApplyToEveryHostAndHostsMayOverrideThem() throws IOException {
        Inventory inventory = InventoryFile.read(write("""
                user: ops
                identityFile: id_ed25519
                knownHostsFile: known_hosts
                hosts:
                  - {name: a, address: 192.0.2.10}
                  - name: b
                    address: b.example.org
                    port: 2222
                    user: root
                    identityFile: other_key
                """));
        InventoryHost a = inventory.host("a");
        InventoryHost b = inventory.host("b");
        assertEquals(new InventoryHost("a", "192.0.2.10", 22, "ops", dir.resolve("id_ed25519"), dir.resolve("known_hosts")), a);
        assertEquals(new InventoryHost("b", "b.example.org", 2222, "root", dir.resolve("other_key"), dir.resolve("known_hosts")), b);
        assertEquals("root@b.example.org:2222", b.target());
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        List<InventoryHost> hosts = List.of(
                new InventoryHost("h1", "10.250.0.11", 22, "root", dir.resolve("id_ed25519"), dir.resolve("known_hosts")),
                new InventoryHost("h2", "10.250.0.12", 2200, "root", dir.resolve("other_key"), dir.resolve("known_hosts")));
        Path file = dir.resolve("inventory.yaml");
        InventoryFile.write(file, hosts, "a header\nof two lines");
        String text = Files.readString(file);
        assertTrue(text.startsWith("# a header\n# of two lines\n"), text);
        assertTrue(text.contains("identityFile: id_ed25519"), "paths inside the folder are written relative: " + text);
        assertEquals(hosts, InventoryFile.read(file).hosts());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top field     | identityFile: id_ed25519\\nsshPort: 22\\nhosts: [{name: a, address: x}]          | 2 | 10 | sshPort: unknown field
            unknown host field    | identityFile: id_ed25519\\nhosts:\\n  - {name: a, adress: x}                     | 3 | 5  | hosts[1]: missing required field 'address'
            missing name          | identityFile: id_ed25519\\nhosts:\\n  - address: 10.0.0.1                        | 3 | 5  | hosts[1]: missing required field 'name'
            bad port              | identityFile: id_ed25519\\nhosts:\\n  - {name: a, address: x, port: 70000}      | 3 | 33 | hosts[1].port: expected a whole number within 1..65535, found '70000'
            duplicate name        | identityFile: id_ed25519\\nhosts:\\n  - {name: a, address: x}\\n  - {name: a, address: y} | 4 | 5 | hosts[2]: duplicate host name 'a'
            hosts not a list      | identityFile: id_ed25519\\nhosts: h1                                             | 2 | 8  | hosts: expected a list of hosts
            no hosts              | identityFile: id_ed25519                                                         | 1 | 1  | missing required field 'hosts'
            missing identity file | identityFile: nowhere\\nhosts: [{name: a, address: x}]                           | 2 | 9  | does not exist or cannot be read
            bad address           | identityFile: id_ed25519\\nhosts: [{name: a, address: 'a b'}]                    | 2 | 28 | hosts[1].address: 'a b' is not an address
            """)
    void reportsTheLineColumnAndFieldOfEachMistake(String name, String text, int line, int column, String expected) throws IOException {
        Path file = write(text.replace("\\n", "\n"));
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> InventoryFile.read(file));
        String where = file + ":" + line + ":" + column + ": ";
        String all = error.getMessage() + "\n" + String.join("\n", error.evidence());
        assertTrue(all.lines().anyMatch(l -> l.startsWith(where) && l.contains(expected)),
                "expected a line starting with '" + where + "' containing '" + expected + "', got:\n" + all);
    }

    @Test
    void unknownFieldListsWhatIsAllowed() throws IOException {
        Path file = write("identityFile: id_ed25519\nsshPort: 22\nhosts: [{name: a, address: x}]\n");
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> InventoryFile.read(file));
        assertEquals(file + ":2:10: sshPort: unknown field 'sshPort'; allowed: hosts, identityFile, knownHostsFile, port, user",
                error.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Path file = write("""
                identityFile: id_ed25519
                hosts:
                  - {name: a, address: x, port: zero}
                  - {name: 'bad name', address: y}
                  - {address: z, colour: blue}
                """);
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> InventoryFile.read(file));
        assertEquals(file + ": 4 problems in this inventory", error.getMessage());
        assertEquals(4, error.evidence().size(), String.join("\n", error.evidence()));
        assertTrue(error.evidence().get(0).startsWith(file + ":3:"), error.evidence().get(0));
    }

    @Test
    void syntaxErrorsPointAtTheLine() throws IOException {
        Path file = write("hosts:\n  - name: a\n   address: [unclosed\n");
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> InventoryFile.read(file));
        assertTrue(error.getMessage().startsWith(file + ":3:"), error.getMessage());
        assertTrue(error.getMessage().contains("not valid YAML"), error.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.yaml");
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> InventoryFile.read(file));
        assertEquals(file + ": no such file", error.getMessage());
    }
}
