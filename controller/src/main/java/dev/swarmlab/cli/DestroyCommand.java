package dev.swarmlab.cli;

import dev.swarmlab.Durations;
import dev.swarmlab.Locks;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.Leftovers;
import dev.swarmlab.deploy.Teardown;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.run.LabRun;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `swarmlab destroy LAB`: remove by label everything the lab made, leave its swarm, and check that nothing is left. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Remove everything the lab created, leave its swarm, and check that every host is clean.",
                "Everything is found by its label, and workers leave before managers. On each host what is still there",
                "(containers, networks, the swarm's docker_gwbridge, stale endpoints, SWARMLAB-* chains) is listed with Docker's",
                "words, exit 1. Puts back first what a run's steps did to a host and nothing restored (an MTU,",
                "a cut: a run killed half-way). Safe to run twice. A host that cannot be reached is reported; run destroy again later."})
final class DestroyCommand implements Callable<Integer> {
    @Mixin
    LabOptions options;

    @Option(names = "--repair", description = {"Then remove what is left, listing it first: force-disconnect endpoints whose container is",
            "gone, remove a docker_gwbridge that outlived its swarm and SWARMLAB-* iptables chains. Nothing swarmlab did not make is touched."})
    boolean repair;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        Lab lab = options.lab();
        LabState state = options.state(lab);
        try (Locks.Held lock = Locks.lab(lab.name(), "swarmlab destroy " + lab.file()); Connections connections = options.connect(lab,
                Console.progress(out))) {
            LabRun.restoreHosts(lab, state, connections).forEach(r -> out.println("putting back what a run's steps changed: " + r));
            Teardown.Result result = new Teardown(lab, state, Console.progress(out)).run(connections);
            int count = result.removed().values().stream().mapToInt(List::size).sum();
            out.println(count == 0 ? "nothing to remove: no resource of lab " + lab.name() + " on the reachable hosts"
                    : "destroyed lab " + lab.name() + ": removed " + count + " item(s) in " + Durations.since(start));
            if (repair && !result.left().values().stream().allMatch(List::isEmpty)) {
                result = repair(out, lab, state, connections, result);
            }
            out.flush();
            Connections.failIfUnreachable(connections, "destroy (what the lab left on them remains; run destroy again when they are back)");
            if (!result.clean()) {
                throw new SwarmlabException("after destroying lab " + lab.name() + ", " + (result.left().size() == 1 ? "a host is" : "hosts are") + " not clean: "
                        + String.join(", ", result.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).distinct().toList()),
                        repair ? "what is left is not swarmlab's to remove, or Docker refused (see above); remove it by hand"
                                : "run `swarmlab destroy " + lab.file() + " --repair`, which lists what it removes first",
                        result.problems(), null);
            }
            out.println("every host is clean: nothing of lab " + lab.name() + " is left");
        }
        return 0;
    }

    /** Lists what is left on each host, removes it, and checks again. */
    private Teardown.Result repair(PrintWriter out, Lab lab, LabState state, Connections connections, Teardown.Result result) {
        out.println("repair: removing what is left:");
        result.left().forEach((host, items) -> items.forEach(item -> out.println("  " + host + ": " + item)));
        out.flush();
        Map<String, List<String>> failures = new TreeMap<>();
        result.left().forEach((host, items) -> {
            Connection c = connections.get(host).orElseThrow();
            List<String> order = List.of("container", "service", "swarm", "endpoint", "network", "chain");
            for (Leftovers.Leftover item : items.stream().sorted(Comparator.comparingInt(i -> order.indexOf(i.kind()) < 0
                    ? order.size() : order.indexOf(i.kind()))).toList()) {
                try {
                    Leftovers.remove(c, item);
                    out.println("  " + host + ": removed " + item.kind() + " " + item.name());
                } catch (SwarmlabException e) {
                    failures.computeIfAbsent(host, k -> new ArrayList<>()).add("could not remove " + item + ": " + e.getMessage());
                }
            }
        });
        out.flush();
        Teardown.Result after = new Teardown(lab, state, Console.progress(out)).run(connections);
        failures.forEach((host, errors) -> after.failures().merge(host, errors, (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        return after;
    }
}
