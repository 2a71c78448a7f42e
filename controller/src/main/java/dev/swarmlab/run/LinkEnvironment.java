package dev.swarmlab.run;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.ExecOutput;
import dev.swarmlab.image.AgentImage;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a legacy link does besides /etc/hosts: `--link NAME:ALIAS` gives the linking container
 * ALIAS_* environment variables (ALIAS_NAME, ALIAS_PORT_...: where the linked container is) and
 * gives the linked one nothing back. Checked once the lab is deployed, in each container, with the
 * agent's `env`: Docker puts link variables into the processes it starts, not into `docker inspect`.
 */
final class LinkEnvironment {
    private static final Duration CALL = Duration.ofSeconds(20);

    private LinkEnvironment() {
    }

    static List<StepRound> check(Lab lab, Connections connections) {
        List<StepRound> checks = new ArrayList<>();
        for (Workload linking : lab.workloads()) {
            Optional<Connection> host = linking.host().flatMap(connections::get);
            if (linking.refused().isPresent() || host.isEmpty()) {
                continue;
            }
            for (Workload.Link link : linking.links()) {
                String prefix = link.alias().toUpperCase(Locale.ROOT).replace('-', '_') + "_"; // as Docker names them
                String given = "--link " + link.container() + ":" + link.alias() + " gives " + linking.name() + " " + prefix + "* variables";
                checks.add(row(given, host.get(), linking.name(), prefix, true));
                String back = link.container() + " gets no " + prefix + "* variables back (a link is one-way)";
                lab.workloads().stream().filter(w -> w.name().equals(link.container())).findFirst().flatMap(Workload::host)
                        .flatMap(connections::get).ifPresent(linked -> checks.add(row(back, linked, link.container(), prefix, false)));
            }
        }
        return checks;
    }

    /** "done" when the variables are there as the link says (present, or absent), else "missing" or "present"; the lines are the detail. */
    private static StepRound row(String title, Connection host, String container, String prefix, boolean expected) {
        List<String> lines = new ArrayList<>();
        try {
            ExecOutput output = host.docker().exec(container, AgentImage.command("env", prefix), new byte[0], CALL, lines::add);
            if (output.exitCode() != 0) {
                return StepRound.of(0, title, "env", false, "error", host.name() + ": agent env in " + container + " ended with "
                        + output.exitCode() + ": " + output.stderr().strip());
            }
        } catch (SwarmlabException e) {
            return StepRound.of(0, title, "env", false, "error", e.getMessage());
        }
        lines.sort(Comparator.comparing((String line) -> line.startsWith(prefix + "ENV_"))); // where it is first, its own env after
        String outcome = lines.isEmpty() == expected ? (expected ? "missing" : "present") : "done";
        String detail = lines.isEmpty() ? "no " + prefix + "* variables in " + container : container + ": " + String.join(", ",
                lines.subList(0, Math.min(lines.size(), 6))) + (lines.size() > 6 ? " and " + (lines.size() - 6) + " more" : "");
        return StepRound.of(0, title, "env", false, outcome, detail);
    }
}
