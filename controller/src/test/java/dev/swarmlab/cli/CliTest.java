package dev.swarmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SwarmlabCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryVerbWithAWholeSentence() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        String commands = help.substring(help.indexOf("Commands:") + "Commands:".length(), help.indexOf("\nRun 'swarmlab VERB --help'"));
        // "  verb   Summary that may wrap\n             onto more lines." -> verb and its whole summary
        Map<String, String> summaries = new LinkedHashMap<>();
        String verb = null;
        for (String line : commands.split("\n")) {
            if (line.matches("\\s{2}\\S+\\s+.*")) {
                verb = line.strip().split("\\s+")[0];
                summaries.put(verb, line.strip().substring(verb.length()).strip());
            } else if (verb != null) {
                summaries.merge(verb, line.strip(), (a, b) -> a + " " + b);
            }
        }
        assertEquals(List.of("hosts", "provision", "labs", "deploy", "run", "runs", "show", "report", "serve", "inspect", "destroy", "help"),
                List.copyOf(summaries.keySet()), help);
        summaries.forEach((name, summary) -> assertTrue(summary.endsWith("."), "the summary of " + name + " is cut: " + summary));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts", "hosts up", "hosts ls", "hosts down", "labs", "deploy", "run", "runs", "show", "report", "serve", "inspect", "destroy"})
    void everyVerbHasHelp(String verb) {
        String[] args = (verb + " --help").split(" ");
        assertEquals(0, run(args));
        assertTrue(out.toString().startsWith("Usage: swarmlab " + verb), out.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bogus                         | swarmlab: unknown verb 'bogus'; verbs: hosts, provision, labs, deploy, run, runs, show, report, serve, inspect, destroy, help (see 'swarmlab --help')
            hosts bogus                   | swarmlab: unknown verb 'bogus'; verbs: up, ls, down (see 'swarmlab hosts --help')
            hosts                         | swarmlab: missing verb: up, ls or down (see 'swarmlab hosts --help')
            hosts ls --bogus              | swarmlab: Unknown option: '--bogus' (see 'swarmlab hosts ls --help')
            hosts up --count x            | swarmlab: Invalid value for option '--count': 'x' is not an int (see 'swarmlab hosts up --help')
            hosts up --count 0            | swarmlab: --count must be at least 1, not 0 (see 'swarmlab hosts up --help')
            hosts up --timeout 0          | swarmlab: --timeout must be at least 1 second (see 'swarmlab hosts up --help')
            hosts up --subnet 10.1.2/24   | swarmlab: Invalid value for option '--subnet': '10.1.2/24' is not a subnet: '10.1.2' is not an IPv4 address (expected four numbers such as 10.250.0.11) (see 'swarmlab hosts up --help')
            """)
    void badUsageIsOneLineAndExitTwo(String args, String expected) {
        assertEquals(2, run(args.split(" ")));
        assertEquals(expected, err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void serveRefusesToGoWithoutATokenOffLoopback() {
        assertEquals(2, run("serve", "--no-token", "--bind", "0.0.0.0", "--port", "0"));
        assertTrue(err.toString().contains("--no-token is refused on 0.0.0.0"), err.toString());
        assertEquals(2, run("serve", "--no-token", "--token", "x", "--port", "0"));
        assertTrue(err.toString().contains("--no-token and a token"), err.toString());
    }

    /** Checked before any host is reached: these need neither hosts nor Docker. */
    @Test
    void runRefusesFiltersTheLabDoesNotHave(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("lab.yaml");
        String head = "name: t\nhosts: local:2\nnetworks: [{name: br, driver: bridge, subnet: 10.91.0.0/24}]\nagents: {networks: [br]}\n"
                + "probes: [tcp]\n";
        Files.writeString(lab, head);
        assertEquals(2, run("run", lab.toString(), "--network", "ov"));
        assertTrue(err.toString().contains("--network ov: lab t has agents on br"), err.toString());
        assertEquals(2, run("run", lab.toString(), "--probe", "icmp"));
        assertTrue(err.toString().contains("--probe icmp: lab t runs tcp"), err.toString());
    }

    @Test
    void reportNeedsSomethingToWrite() {
        assertEquals(2, run("report", "r1"));
        assertTrue(err.toString().contains("say what to write: --html FILE, --json FILE, --junit FILE, or several"), err.toString());
    }

    @Test
    void showNamesTheRunItCannotFind() {
        assertEquals(1, run("show", "no-such-run"));
        assertTrue(err.toString().startsWith("error: no run no-such-run in "), err.toString());
        assertTrue(err.toString().contains("swarmlab runs"), err.toString());
    }

    @Test
    void aBadPrefixFailsWithTheRuleAndARemedy() {
        assertEquals(1, run("hosts", "ls", "--prefix", "Bad!"));
        String text = err.toString();
        assertTrue(text.startsWith("error: prefix 'Bad!' is not allowed"), text);
        assertTrue(text.contains("remedy: "), text);
    }

    @Test
    void defaultsComeFromTheOptions() {
        CommandLine cli = SwarmlabCommand.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("hosts", "up");
        HostsUpCommand up = (HostsUpCommand) parsed.subcommand().subcommand().commandSpec().userObject();
        assertEquals(3, up.count);
        assertEquals(60, up.timeoutSeconds);
        assertEquals("sl", up.set.prefix);
    }

    @Test
    void labsListsTheCatalogOneLineALabAndNamesABrokenFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "name: a\ndescription: one bridge\nhosts: local:2\n"
                + "networks: [{name: br, driver: bridge}]\nagents: {networks: [br]}\nprobes: [tcp]\n");
        Files.writeString(dir.resolve("a.md"), "# a\n");
        assertEquals(0, run("labs", "--labs", dir.toString()), err.toString());
        String listed = out.toString();
        assertTrue(listed.lines().anyMatch(l -> l.startsWith("a ") && l.contains("local:2") && l.contains("br") && l.contains("tcp")
                && l.endsWith("one bridge")), listed);
        Files.writeString(dir.resolve("b.yaml"), "name: b\nhosts: local:2\ncolour: blue\n");
        out.getBuffer().setLength(0);
        assertEquals(1, run("labs", "--labs", dir.toString()));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("b ") && l.contains("cannot be read") && l.contains("colour")),
                out.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "run                                 | say which lab to run (e.g. labs/drivers.yaml), --all for every lab in labs, or --generated SEED",
            "run --all ../labs/drivers.yaml      | give one of a lab file, --all and --generated",
            "run --generated 7 ../labs/drivers.yaml | give one of a lab file, --all and --generated",
            "run --generated 7 --all             | give one of a lab file, --all and --generated",
            "run --all --probe tcp               | --all runs every lab whole: --network, --probe, --host and --out apply to one lab",
    })
    void runNeedsOneLabOrAll(String args, String message) {
        assertEquals(2, run(args.split(" ")));
        assertTrue(err.toString().contains(message), err.toString());
    }
}
