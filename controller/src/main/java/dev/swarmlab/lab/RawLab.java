package dev.swarmlab.lab;

import dev.swarmlab.yaml.Fields;
import dev.swarmlab.yaml.Problems;
import dev.swarmlab.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first step of reading a lab: records that mirror the file field for field, each keeping
 * its {@link YamlNode} so that the second step ({@link LabResolver}) can point at the line of
 * any mistake it finds. Here only the shape is checked: known fields, lists, numbers, booleans.
 */
record RawLab(YamlNode at, Optional<String> name, Optional<String> description, Optional<YamlNode> hosts,
              Optional<RawSwarm> swarm, List<RawNetwork> networks, List<RawWorkload> workloads, Optional<RawAgents> agents,
              List<YamlNode> probes, List<RawExpectation> expectations, List<RawStep> steps, Optional<String> outside) {

    static final Set<String> FIELDS = Set.of("name", "description", "hosts", "swarm", "networks", "workloads", "agents",
            "probes", "expectations", "steps", "outside");

    record RawSwarm(Fields at, List<YamlNode> managers) {
        static final Set<String> FIELDS = Set.of("managers");
    }

    record RawNetwork(Fields at, Optional<String> name, Optional<String> driver, Optional<String> subnet,
                      Optional<String> gateway, Optional<String> ipRange, Optional<Boolean> attachable,
                      Optional<Boolean> internal, Optional<Boolean> encrypted, Optional<Integer> mtu,
                      Map<String, String> options, Optional<String> refused) {
        static final Set<String> FIELDS = Set.of("name", "driver", "subnet", "gateway", "ipRange", "attachable", "internal", "refused",
                "encrypted", "mtu", "options");
    }

    record RawAttachment(YamlNode at, Optional<String> network, Optional<String> ip, List<YamlNode> aliases) {
        static final Set<String> FIELDS = Set.of("name", "ip", "aliases");
    }

    record RawWorkload(Fields at, Optional<String> name, Optional<String> kind, Optional<String> host,
                       List<YamlNode> placement, Optional<Integer> replicas, Optional<String> mode,
                       List<RawAttachment> networks, List<YamlNode> publish, Optional<Boolean> publishAll,
                       List<YamlNode> expose, List<YamlNode> listen, List<YamlNode> links, List<YamlNode> extraHosts,
                       Optional<String> endpointMode, Optional<String> publishMode, Optional<String> image, Optional<String> refused,
                       List<YamlNode> routedFrom) {
        static final Set<String> FIELDS = Set.of("name", "kind", "host", "placement", "replicas", "mode", "networks",
                "publish", "publishAll", "expose", "listen", "links", "extraHosts", "endpointMode", "publishMode", "image", "refused",
                "routedFrom");
    }

    record RawAgents(Fields at, List<YamlNode> networks, Optional<String> image) {
        static final Set<String> FIELDS = Set.of("networks", "image");
    }

    record RawExpectation(Fields at, Optional<String> from, Optional<String> to, Optional<String> network,
                          Optional<String> probe, Optional<String> expect, Optional<String> reason) {
        static final Set<String> FIELDS = Set.of("from", "to", "network", "probe", "expect", "reason");
    }

    record RawStep(Fields at, Optional<String> title, Optional<String> action, Optional<String> workload,
                   Optional<String> network, Optional<String> host, Optional<Integer> mtu, Optional<String> refused) {
        static final Set<String> FIELDS = Set.of("title", "action", "workload", "network", "host", "mtu", "refused");
    }

    /** Reads the shape of the whole file, recording every problem; never throws for content. */
    static Optional<RawLab> read(YamlNode root, Problems problems) {
        return Fields.of(root, problems, FIELDS).map(top -> new RawLab(root,
                top.requiredString("name"),
                top.string("description"),
                top.get("hosts"),
                top.get("swarm").flatMap(node -> Fields.of(node, problems, RawSwarm.FIELDS))
                        .map(f -> new RawSwarm(f, f.scalars("managers"))),
                top.list("networks", node -> Fields.of(node, problems, RawNetwork.FIELDS).map(RawLab::network)),
                top.list("workloads", node -> Fields.of(node, problems, RawWorkload.FIELDS).map(RawLab::workload)),
                top.get("agents").flatMap(node -> Fields.of(node, problems, RawAgents.FIELDS))
                        .map(f -> new RawAgents(f, f.scalars("networks"), f.string("image"))),
                top.scalars("probes"),
                top.list("expectations", node -> Fields.of(node, problems, RawExpectation.FIELDS).map(f -> new RawExpectation(f,
                        f.string("from"), f.string("to"), f.string("network"), f.string("probe"), f.requiredString("expect"),
                        f.requiredString("reason")))),
                top.list("steps", node -> Fields.of(node, problems, RawStep.FIELDS).map(f -> new RawStep(f,
                        f.string("title"), f.requiredString("action"), f.string("workload"), f.string("network"), f.string("host"),
                        f.integer("mtu", 68, 65535), f.string("refused")))),
                top.string("outside")));
    }

    private static RawNetwork network(Fields f) {
        return new RawNetwork(f, f.requiredString("name"), f.string("driver"), f.string("subnet"), f.string("gateway"),
                f.string("ipRange"), f.bool("attachable"), f.bool("internal"), f.bool("encrypted"), f.integer("mtu", 68, 65535),
                f.stringMap("options"), f.string("refused"));
    }

    private static RawWorkload workload(Fields f) {
        return new RawWorkload(f, f.requiredString("name"), f.string("kind"), f.string("host"), f.scalars("placement"),
                f.integer("replicas", 0, 1000), f.string("mode"), attachments(f), f.scalars("publish"), f.bool("publishAll"),
                f.scalars("expose"), f.scalars("listen"), f.scalars("links"), f.scalars("extraHosts"), f.string("endpointMode"),
                f.string("publishMode"), f.string("image"), f.string("refused"), f.scalars("routedFrom"));
    }

    /** `networks: [a, {name: b, ip: 10.0.0.5, aliases: [x]}]`: a name alone or a mapping. */
    private static List<RawAttachment> attachments(Fields workload) {
        return workload.list("networks", node -> {
            if (node.isScalar()) {
                return Optional.of(new RawAttachment(node, Optional.of(node.scalar()), Optional.empty(), List.of()));
            }
            return Fields.of(node, workload.problems(), RawAttachment.FIELDS)
                    .map(f -> new RawAttachment(node, f.requiredString("name"), f.string("ip"), f.scalars("aliases")));
        });
    }
}
