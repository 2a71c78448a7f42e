package dev.swarmlab.cli;

import dev.swarmlab.Durations;
import dev.swarmlab.emulated.EmulatedHosts;
import dev.swarmlab.emulated.SuiteChoice;
import dev.swarmlab.net.Subnet;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `swarmlab hosts up`: make sure N emulated hosts run. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start emulated hosts h1..hN in parallel and write their inventory.",
                "Running hosts are left alone, broken ones restarted, missing ones added: 'up --count 5' after 3 adds two."})
final class HostsUpCommand implements Callable<Integer> {
    @Mixin
    HostSetOptions set;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "3",
            description = "How many hosts should run (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--subnet", paramLabel = "CIDR", converter = SubnetConverter.class,
            description = "Underlay subnet shared by the hosts, the bridge taking .1 and hN .(10+N) (default: 10.250.0.0/24). Fixed once the set exists.")
    Subnet subnet;

    @Option(names = "--suite", paramLabel = "SUITE|HOST=SUITE,...",
            description = {"Give new hosts the root filesystem of a Debian suite, with that suite's own Docker: "
                    + "bookworm (docker.io 20.10), trixie (26.1) or sid (28.5 when last checked), for all (--suite sid) or per host "
                    + "(--suite h1=bookworm,h2=trixie,h3=sid; hosts left out keep this machine's own root).",
                    "A suite's tree (sshd and tools) is built once with debootstrap (about a minute and 300 MB from the Debian mirror) and cached in "
                    + "/var/cache/swarmlab/suites ($SWARMLAB_CACHE; mirror $SWARMLAB_MIRROR); each host's engine is then put on it the way "
                    + "`swarmlab provision` does on a real machine (packages fetched here and copied over SSH). Default: this machine's own root and Docker."})
    String suite;

    @Option(names = "--engine", paramLabel = "VERSION|HOST=VERSION,...",
            description = {"A shorthand for --suite: give new hosts the suite that ships the Docker version asked (20.10: bookworm, 26.1: trixie, "
                    + "28.5: sid, as last checked), for all (--engine 28.5) or per host (--engine h1=20.10,h2=26.1,h3=28.5); a suite's name works too.",
                    "The version is asked again when the host is provisioned: a suite that has moved on (sid) is refused, naming what it ships now."})
    String engine;

    @Option(names = "--bare",
            description = {"New hosts of --suite get the suite's tree without its engine and stop after sshd: "
                    + "`swarmlab provision` then puts the engine on them over SSH, as on real machines."})
    boolean bare;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long each host may take to answer on Docker and SSH (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private SuiteChoice suites() {
        if (suite != null && engine != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --suite or --engine, not both: --engine picks the suite");
        }
        SuiteChoice suites = engine != null ? SuiteChoice.forEngines(engine) : suite == null ? SuiteChoice.MACHINE : SuiteChoice.parse(suite);
        return bare ? suites.bareHosts() : suites;
    }

    @Override
    public Integer call() {
        if (count < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1, not " + count);
        }
        if (timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        EmulatedHosts hosts = set.hosts(Console.progress(out));
        EmulatedHosts.UpResult result = hosts.up(count, Optional.ofNullable(subnet), Duration.ofSeconds(timeoutSeconds),
                suites());
        out.println();
        Console.hostTable(result.hosts()).print(out);
        out.println();
        if (result.started().isEmpty() && result.repaired().isEmpty()) {
            out.println("nothing to do: " + count + " host" + (count == 1 ? " is" : "s are") + " already running");
        } else {
            out.println("started " + result.started().size() + ", restarted " + result.repaired().size() + " in " + Durations.since(start));
        }
        out.println("inventory: " + result.inventory());
        result.hosts().stream().findFirst().ifPresent(first -> out.println("reach a host: ssh -i " + hosts.set().identity()
                + " -o UserKnownHostsFile=" + hosts.set().knownHosts() + " root@" + first.address() + " docker info"));
        out.flush();
        return 0;
    }
}
