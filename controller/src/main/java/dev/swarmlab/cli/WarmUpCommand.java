package dev.swarmlab.cli;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.Trees;
import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.docker.DockerEngines;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.ssh.Ssh;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The training run for the launcher's class-data-sharing archive: it walks the code paths every
 * verb starts with (CLI, lab files, a Docker client, an SSH client) without touching a host, so
 * that later runs load those classes from the archive instead of the jar.
 */
@Command(name = "warm-up", hidden = true, description = "Load the common classes once (used by ./swarmlab to build its class-data archive).")
final class WarmUpCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine root = spec.root().commandLine();
        root.getSubcommands().values().forEach(verb -> verb.usage(new PrintWriter(new StringWriter())));
        Path labs = Path.of(System.getProperty("swarmlab.labs", "labs"));
        if (Files.isDirectory(labs)) {
            try (var files = Files.list(labs)) {
                files.filter(f -> f.toString().endsWith(".yaml")).forEach(LabFile::read);
            }
        }
        Path scratch = Files.createTempDirectory("swarmlab-warm-up");
        try {
            try (DockerEngine engine = DockerEngines.unixSocket(scratch.resolve("no.sock"), Duration.ofMillis(200))) {
                engine.info();
            } catch (SwarmlabException expected) {
                // no daemon here: the point was loading the client
            }
            Path key = scratch.resolve("id");
            Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start();
            if (!keygen.waitFor(30, TimeUnit.SECONDS)) {
                keygen.destroyForcibly();
                throw new SwarmlabException("ssh-keygen did not make a key within 30 s", "check that ssh-keygen (openssh-client) works");
            }
            try {
                Ssh.connect(new InventoryHost("warm-up", "127.0.0.1", 1, "root", key, scratch.resolve("known_hosts"))).close();
            } catch (SwarmlabException expected) {
                // nothing listens on port 1
            }
        } finally {
            Trees.delete(scratch);
        }
        return 0;
    }
}
