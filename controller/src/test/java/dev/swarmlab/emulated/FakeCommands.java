package dev.swarmlab.emulated;

import dev.swarmlab.system.Command;
import dev.swarmlab.system.CommandResult;
import dev.swarmlab.system.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A scripted {@link Commands}: answers by the first matching command-line prefix and records every call. */
final class FakeCommands implements Commands {
    final List<String> calls = new ArrayList<>();
    private final Map<String, Function<String, CommandResult>> answers = new LinkedHashMap<>();

    FakeCommands answer(String prefix, int exitCode, String stdout) {
        answers.put(prefix, line -> new CommandResult(Command.of(line.split(" ")), exitCode, stdout, exitCode == 0 ? "" : "failed"));
        return this;
    }

    FakeCommands answer(String prefix, Function<String, CommandResult> answer) {
        answers.put(prefix, answer);
        return this;
    }

    @Override
    public CommandResult run(Command command) {
        String line = String.join(" ", command.argv());
        calls.add(line);
        return answers.entrySet().stream().filter(e -> line.startsWith(e.getKey())).findFirst()
                .map(e -> e.getValue().apply(line))
                .orElse(new CommandResult(command, 0, "", ""));
    }

    @Override
    public void spawn(Command command, Path log) {
        calls.add("spawn " + String.join(" ", command.argv()));
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }
}
