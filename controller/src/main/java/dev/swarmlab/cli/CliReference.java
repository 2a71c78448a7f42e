package dev.swarmlab.cli;

import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * docs/cli-reference.md, generated from the commands themselves: every visible verb's whole help, as
 * `swarmlab VERB --help` prints it. `make docs` writes it; CliReferenceTest fails when the file is stale.
 */
public final class CliReference {
    static final int WIDTH = 110;

    private CliReference() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder("# CLI reference\n\n"
                + "Generated from the commands' own help by `make docs` (CliReferenceTest fails when it is out of date);\n"
                + "[cli.md](cli.md) is the guide. Every verb below prints the same with `--help`.\n");
        append(out, SwarmlabCommand.commandLine());
        return out.toString();
    }

    private static void append(StringBuilder out, CommandLine command) {
        command.setUsageHelpAutoWidth(false);
        command.setUsageHelpWidth(WIDTH);
        out.append("\n## `").append(command.getCommandSpec().qualifiedName()).append("`\n\n```text\n")
                .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
        for (CommandLine sub : List.copyOf(command.getSubcommands().values())) {
            boolean alias = !sub.getCommandName().equals(sub.getCommandSpec().name());
            if (!sub.getCommandSpec().usageMessage().hidden() && !alias && !sub.getCommandName().equals("help")) {
                append(out, sub);
            }
        }
    }

    /** Writes the reference to the file given (make docs: docs/cli-reference.md). */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CliReference FILE");
            System.exit(2);
        }
        try {
            Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SwarmlabException("cannot write " + args[0] + ": " + e.getMessage(), "check that its folder is writable", List.of(), e);
        }
    }
}
