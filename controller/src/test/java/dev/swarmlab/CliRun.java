package dev.swarmlab;

import dev.swarmlab.cli.SwarmlabCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    public static CliRun hosts(String prefix, Path home, String... verb) {
        List<String> all = new ArrayList<>(List.of("hosts"));
        all.addAll(List.of(verb));
        all.addAll(List.of("--prefix", prefix, "--home", home.toString()));
        return of(all.toArray(String[]::new));
    }

    public String all() {
        return out + err;
    }
}
