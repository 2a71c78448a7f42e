package dev.swarmlab.cli;

import dev.swarmlab.SwarmlabException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** How failures reach the terminal: the one place that maps exceptions to messages and exit codes. */
final class Errors {
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Errors() {
    }

    /** Bad verb or option: one line, pointing at the help, exit 2. */
    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String name = cli.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !cli.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown verb '" + unmatched.getUnmatched().get(0) + "'; verbs: "
                    + String.join(", ", cli.getSubcommands().entrySet().stream()
                    .filter(verb -> !verb.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList());
        }
        cli.getErr().println("swarmlab: " + message + " (see '" + name + " --help')");
        return USAGE;
    }

    /** A failure while doing the work: message, evidence, remedy; a stack trace only for bugs. */
    static int failure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof SwarmlabException failure) {
            err.println("error: " + failure.getMessage());
            failure.evidence().forEach(line -> err.println("  | " + line));
            if (failure.remedy() != null) {
                err.println("remedy: " + failure.remedy());
            }
        } else {
            err.println("error: unexpected " + e + " (this is a bug in swarmlab; the trace follows)");
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }
}
