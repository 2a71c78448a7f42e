package dev.swarmlab.cli;

/** Entry point of the runnable jar that ./swarmlab starts. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SwarmlabCommand.commandLine().execute(args));
    }
}
