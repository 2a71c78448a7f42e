package dev.swarmlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `swarmlab hosts`: the emulated Docker hosts on this machine. */
@Command(name = "hosts",
        mixinStandardHelpOptions = true,
        description = {"Emulated Docker hosts on this machine (needs root).",
                "Each host is a network namespace with its own dockerd and sshd; a Linux bridge joins them."},
        subcommands = {HostsUpCommand.class, HostsLsCommand.class, HostsDownCommand.class})
final class HostsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing verb: up, ls or down");
    }
}
