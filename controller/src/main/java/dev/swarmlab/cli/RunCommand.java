package dev.swarmlab.cli;

import dev.swarmlab.Durations;
import dev.swarmlab.Locks;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.Finding;
import dev.swarmlab.deploy.LabTarget;
import dev.swarmlab.deploy.Teardown;
import dev.swarmlab.lab.GeneratedLab;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabCatalog;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.plan.CellFilter;
import dev.swarmlab.run.CellCounts;
import dev.swarmlab.run.LabRun;
import dev.swarmlab.run.RunInfo;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** `swarmlab run LAB` or `swarmlab run --all`: deploy what is missing, run the probe matrix, judge it, report it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Deploy the lab if needed, probe every cell through the agents and judge it against what Docker's drivers promise.",
                "Prints a summary and writes report.json and junit.xml. With --all, every lab in",
                "--labs in turn, each destroyed after its run (labs do not share a swarm), then one summary table.",
                "Exit status: 0 every cell matched (an expected block that blocked matches) or has no expectation to judge it by;",
                "1 a cell was unexpected, misrouted or flaky, or a step did not do what the lab expected; 3 the run is incomplete",
                "(cells in error or not measured, and none failed). With --all, also 1 when a host is not clean after a lab's destroy."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "LAB", description = "The lab file, e.g. labs/drivers.yaml (or --all).")
    Path labFile;

    @Option(names = "--all", description = "Run every lab in --labs, one after another, and print one summary table.")
    boolean all;

    @Option(names = "--generated", paramLabel = "SEED", description = {"Run the lab generated from this seed (the differential test's:",
            "only what the judge models, so every cell must be matched), written to generated/gen-SEED.yaml in the state folder."})
    Long generated;

    @Option(names = "--labs", defaultValue = "labs", paramLabel = "DIR", description = "The folder of lab files for --all (default: ${DEFAULT-VALUE}).")
    Path labs;

    @Mixin
    HostAccess access;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write report.json and junit.xml (default: runs/RUN-ID in the lab's state folder).")
    Path out;

    @Option(names = "--network", paramLabel = "NAME", split = ",", description = "Only cells on these networks (repeatable or comma-separated).")
    Set<String> networks = Set.of();

    @Option(names = "--probe", paramLabel = "KIND", split = ",", description = "Only these probe kinds, e.g. --probe icmp,dns.")
    Set<String> probes = Set.of();

    @Option(names = "--host", paramLabel = "HOST", split = ",", description = "Only cells from or to these hosts.")
    Set<String> hosts = Set.of();

    @Option(names = "--force", description = {"Deploy despite failed preflight checks where that is safe (clock, versions, MTU, subnets,",
            "swarm ports); whatever then does not converge makes its cells errors, with the diagnosis."})
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        if ((all ? 1 : 0) + (labFile != null ? 1 : 0) + (generated != null ? 1 : 0) != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), all || labFile != null && generated != null
                    ? "give one of a lab file, --all and --generated"
                    : "say which lab to run (e.g. labs/drivers.yaml), --all for every lab in " + labs + ", or --generated SEED");
        }
        if (generated != null) {
            labFile = writeGenerated(console, generated);
        }
        if (all) {
            return runAll(console);
        }
        long start = System.nanoTime();
        Lab lab = LabFile.read(labFile);
        CellFilter filter = new CellFilter(networks, probes, hosts);
        try {
            filter.check(lab, hosts.isEmpty() ? List.of() : LabTarget.hostNames(lab, Optional.ofNullable(access.inventory)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        LabRun.Done done = runOne(console, lab, filter, Optional.ofNullable(out));
        console.println();
        console.println("report: " + done.out().resolve("report.json") + " and junit.xml, in " + Durations.since(start));
        console.flush();
        return done.report().exitStatus();
    }

    /** Writes the generated lab's file into the state folder (the same text for the same seed) and says where. */
    private static Path writeGenerated(PrintWriter console, long seed) {
        Path file = LabState.root().resolve(GeneratedLab.FOLDER).resolve(GeneratedLab.name(seed) + ".yaml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, GeneratedLab.yaml(seed));
        } catch (IOException e) {
            throw new SwarmlabException("cannot write the generated lab " + file + ": " + e.getMessage(), "check that the state folder "
                    + LabState.root() + " is writable (or set SWARMLAB_STATE)", List.of(), e);
        }
        console.println("generated lab " + GeneratedLab.name(seed) + ": " + file + " (remove it with `swarmlab destroy " + file + "`)");
        return file;
    }

    private LabRun.Done runOne(PrintWriter console, Lab lab, CellFilter filter, Optional<Path> reportDir) {
        var progress = Console.progress(console);
        try (Locks.Held lock = Locks.lab(lab.name(), "swarmlab run " + lab.file()); Connections connections = access.connect(lab, progress)) {
            LabRun.Done done = new LabRun(lab, LabState.of(lab.name()), progress).forced(force).run(connections, filter, reportDir, (id, cells) -> {
                console.println("run " + id + ": " + cells + " probe cells");
                console.flush();
            }, new ProgressBar(console, System.console() != null), (findings, plan) -> notable(console, findings));
            RunPrinter.print(console, done.report(), false);
            return done;
        }
    }

    /** Every lab of the catalog in turn, each destroyed after its run; a lab that fails is a row of the table, not the end. */
    private int runAll(PrintWriter console) {
        if (!networks.isEmpty() || !probes.isEmpty() || !hosts.isEmpty() || out != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--all runs every lab whole: --network, --probe, --host and --out"
                    + " apply to one lab");
        }
        List<Lab> catalog = LabCatalog.of(labs).labs();
        if (catalog.isEmpty()) {
            throw new SwarmlabException("no lab files in " + labs.toAbsolutePath(), "give the folder with --labs DIR");
        }
        long start = System.nanoTime();
        // Labs do not share a swarm: start from hosts that no lab of the catalog holds.
        catalog.forEach(lab -> destroy(console, lab));
        Table table = new Table(Console.countHeaders("LAB", "STATUS", "HOSTS AFTER", "TIME", "RUN"));
        int exit = 0;
        for (int i = 0; i < catalog.size(); i++) {
            Lab lab = catalog.get(i);
            console.println();
            console.println("== lab " + lab.name() + " (" + (i + 1) + " of " + catalog.size() + "): " + lab.description());
            console.flush();
            long began = System.nanoTime();
            String status;
            String runId;
            CellCounts counts = new CellCounts(Map.of());
            try {
                LabRun.Done done = runOne(console, lab, CellFilter.ALL, Optional.empty());
                RunInfo run = done.report().run();
                exit = worse(exit, done.report().exitStatus());
                status = run.status();
                runId = run.id();
                counts = run.counts();
            } catch (SwarmlabException e) {
                exit = worse(exit, 1);
                console.println("lab " + lab.name() + " did not run: " + e.getMessage());
                status = "error";
                runId = e.getMessage();
            }
            boolean clean = destroy(console, lab);
            exit = clean ? exit : worse(exit, 1);
            table.row(Console.countRow(counts, lab.name(), status, clean ? "clean" : "NOT CLEAN", Durations.since(began), runId));
        }
        console.println();
        console.println("every lab in " + labs + ", in " + Durations.since(start) + " (HOSTS AFTER: whether destroy left each host as it"
                + " found it):");
        table.print(console);
        console.flush();
        return exit;
    }

    /** Of two exit statuses, the one that says more is wrong: a failure (1) over an incomplete run (3) over a pass (0). */
    private static int worse(int a, int b) {
        return a == 1 || b == 1 ? 1 : Math.max(a, b);
    }

    /**
     * Removes the lab, so that the next one can form its own swarm on the same hosts, and checks that
     * it left nothing; says what it left, host by host. Returns whether every host is clean.
     */
    private boolean destroy(PrintWriter console, Lab lab) {
        try (Locks.Held lock = Locks.lab(lab.name(), "swarmlab run --all: destroy " + lab.name());
             Connections connections = access.connect(lab, Progress.SILENT)) {
            Teardown.Result result = new Teardown(lab, LabState.of(lab.name()), Progress.SILENT).run(connections);
            result.problems().forEach(p -> console.println("after destroying lab " + lab.name() + ", a host is not clean: " + p));
            if (!result.clean()) {
                console.println("  remedy: swarmlab destroy " + lab.file() + " --repair (it lists what it removes first)");
            }
            return result.clean();
        } catch (SwarmlabException e) {
            console.println("could not remove lab " + lab.name() + " after its run: " + e.getMessage() + " (run `swarmlab destroy` on it)");
            return false;
        }
    }

    /** The preflight findings worth a look (warnings and failures); passes only as a count. */
    private static void notable(PrintWriter console, List<Finding> findings) {
        List<Finding> notable = findings.stream().filter(f -> f.status() != Finding.Status.PASS).toList();
        console.println("preflight: " + (findings.size() - notable.size()) + " checks passed" + (notable.isEmpty() ? "" : ", " + notable.size() + " to note:"));
        if (!notable.isEmpty()) {
            Console.findingsTable(notable).print(console);
        }
        console.flush();
    }
}
