package dev.swarmlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top of the CLI: lists the verbs. */
@Command(name = "swarmlab",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Multi-host Docker networking labs: Swarm, overlay/bridge/host/none networks and probe agents on emulated or real"
                + " hosts, with connectivity matrices judged against Docker's documented behaviour.",
        subcommands = {HostsCommand.class, ProvisionCommand.class, LabsCommand.class, DeployCommand.class, RunCommand.class, RunsCommand.class, ShowCommand.class, ReportCommand.class,
                ServeCommand.class,
                InspectCommand.class,
                DestroyCommand.class, WarmUpCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'swarmlab VERB --help' for a verb's options. Exit status: 0 done, 1 failed, 2 bad usage."})
public final class SwarmlabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line: one-line usage errors, and SwarmlabExceptions printed with their remedy. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SwarmlabCommand());
        cli.setParameterExceptionHandler(Errors::usage);
        cli.setExecutionExceptionHandler(Errors::failure);
        return cli;
    }
}
