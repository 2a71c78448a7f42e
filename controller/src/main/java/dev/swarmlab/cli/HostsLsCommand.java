package dev.swarmlab.cli;

import dev.swarmlab.emulated.EmulatedHosts;
import dev.swarmlab.emulated.HostStatus;
import dev.swarmlab.session.Progress;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `swarmlab hosts ls`: the emulated hosts and their state. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List the emulated hosts: address, root filesystem (a Debian suite or this machine's own), Docker version and API, firewall backend, state.",
                "States: running, degraded, stopped, orphan. Leftovers of a crashed or killed run show as degraded or orphan; 'hosts down' removes them."})
final class HostsLsCommand implements Callable<Integer> {
    @Mixin
    HostSetOptions set;

    @Option(names = "--json", description = "Print a JSON array (name, address, port, user, identityFile, knownHostsFile, suite, dockerVersion, apiVersion, firewall, state, problems; suite is empty for a host on this machine's own root).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EmulatedHosts hosts = set.hosts(Progress.SILENT);
        List<HostStatus> statuses = hosts.list();
        if (json) {
            Console.json(out, statuses.stream().map(s -> asJson(hosts, s)).toList());
        } else if (statuses.isEmpty()) {
            out.println("no emulated hosts with prefix '" + hosts.set().prefix() + "'; start some with: swarmlab hosts up --count 3");
        } else {
            Console.hostTable(statuses).print(out);
            if (statuses.stream().anyMatch(s -> !s.running())) {
                out.println();
                out.println("some hosts are not running: 'swarmlab hosts up' restarts them, 'swarmlab hosts down' removes them all");
            }
            out.println("inventory: " + hosts.set().inventory());
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> asJson(EmulatedHosts hosts, HostStatus status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", status.name());
        entry.put("address", status.address());
        entry.put("port", 22);
        entry.put("user", "root");
        entry.put("identityFile", hosts.set().identity().toString());
        entry.put("knownHostsFile", hosts.set().knownHosts().toString());
        entry.put("suite", status.suite());
        entry.put("dockerVersion", status.dockerVersion());
        entry.put("apiVersion", status.apiVersion());
        entry.put("firewall", status.firewall());
        entry.put("state", status.state().label());
        entry.put("problems", status.problems());
        return entry;
    }
}
