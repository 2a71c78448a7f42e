package dev.swarmlab.cli;

import dev.swarmlab.deploy.LabInspection;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.Progress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `swarmlab inspect LAB`: swarm nodes, and networks per host with their drift from the lab file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show the lab's swarm nodes (role, state) and, per host, its networks with their drift from the lab file."})
final class InspectCommand implements Callable<Integer> {
    @Mixin
    LabOptions options;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Lab lab = options.lab();
        try (Connections connections = options.connect(lab, json ? Progress.SILENT : Console.progress(out))) {
            LabInspection.Report report = LabInspection.of(lab, connections, options.state(lab));
            if (json) {
                Console.json(out, report);
            } else {
                out.println();
                if (report.nodes().isEmpty()) {
                    out.println(lab.swarm().isPresent() ? "swarm: not deployed (no manager of the lab's swarm answers)" : "swarm: none in this lab");
                } else {
                    out.println("swarm " + report.cluster() + ":");
                    Table nodes = new Table("NODE", "HOSTNAME", "ROLE", "STATE", "AVAILABILITY", "ADDRESS");
                    for (SwarmNode node : report.nodes()) {
                        nodes.row(node.id().substring(0, Math.min(12, node.id().length())), node.hostname(),
                                node.role() + (node.leader() ? " (leader)" : ""), node.state(), node.availability(), node.address());
                    }
                    nodes.print(out);
                }
                out.println();
                Table networks = new Table("HOST", "NETWORK", "DRIVER", "SCOPE", "SUBNET", "DRIFT");
                report.networks().forEach(row -> networks.row(row.host(), row.network(), row.driver(), row.scope(),
                        row.subnets().isEmpty() ? "-" : String.join(",", row.subnets()), row.drift()));
                networks.print(out);
                report.unreachable().forEach((host, error) -> out.println(host + ": unreachable: " + error));
            }
            out.flush();
            Connections.failIfUnreachable(connections, "inspect");
        }
        return 0;
    }
}
