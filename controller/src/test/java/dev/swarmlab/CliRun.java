package dev.swarmlab;

import dev.swarmlab.cli.SwarmlabCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the swarmlab CLI, as a user would type it, with what it printed. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SwarmlabCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** `swarmlab hosts VERB...` on a test's own set of emulated hosts (its name prefix and home). */
    public static CliRun hosts(String prefix, java.nio.file.Path home, String... verb) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("hosts"));
        all.addAll(java.util.List.of(verb));
        all.addAll(java.util.List.of("--prefix", prefix, "--home", home.toString()));
        return of(all.toArray(String[]::new));
    }

    public String all() {
        return out + err;
    }
}
