package dev.swarmlab.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A random valid lab from a seed, for the differential test against real Docker: bridges and
 * overlays (internal or not, with the bridge options the judge models), containers on one or two
 * of them with aliases shared or not and static addresses, published TCP and UDP ports, a Swarm
 * service, agents in host mode. It uses only what the judge models, so every one of its cells must
 * be matched: a `not judged` or unexpected cell is a model error (or Docker's). The same seed gives
 * the same lab on every machine ({@link Random} is specified to).
 */
public final class GeneratedLab {
    /** The folder under a state folder where `run --generated` writes the file. */
    public static final String FOLDER = "generated";
    private static final String[] ALIASES = {"api", "svc", "store"};

    private final Random random;
    private final long seed;
    private final List<String> lines = new ArrayList<>();

    private GeneratedLab(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public static String name(long seed) {
        return "gen-" + Long.toUnsignedString(seed);
    }

    /** The lab file's text for this seed. */
    public static String yaml(long seed) {
        return new GeneratedLab(seed).build();
    }

    private record Net(String name, boolean overlay, boolean internal) {
    }

    private String build() {
        int count = 1 + random.nextInt(3);
        List<Net> nets = new ArrayList<>();
        List<String> networkLines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean overlay = random.nextInt(3) == 0;
            boolean internal = random.nextInt(5) == 0;
            String name = (overlay ? "ov" : "br") + (i + 1);
            nets.add(new Net(name, overlay, internal));
            StringBuilder line = new StringBuilder("  - {name: " + name + ", driver: " + (overlay ? "overlay, attachable: true" : "bridge")
                    + ", subnet: " + subnet(i) + (internal ? ", internal: true" : ""));
            if (!overlay) {
                List<String> options = new ArrayList<>();
                if (random.nextInt(5) == 0) {
                    options.add("com.docker.network.bridge.enable_icc: \"false\"");
                }
                if (!internal && random.nextInt(5) == 0) {
                    options.add("com.docker.network.bridge.enable_ip_masquerade: \"false\"");
                }
                if (!internal && random.nextInt(6) == 0) {
                    options.add("com.docker.network.bridge.host_binding_ipv4: \"127.0.0.1\"");
                }
                if (!options.isEmpty()) {
                    line.append(", options: {").append(String.join(", ", options)).append("}");
                }
            }
            networkLines.add(line.append("}").toString());
        }
        boolean swarm = nets.stream().anyMatch(Net::overlay);
        boolean hostAgents = random.nextInt(4) != 0;
        if (hostAgents) {
            networkLines.add("  - {name: host}");
        }
        List<String> workloads = workloads(nets);
        Set<String> probes = new LinkedHashSet<>(List.of("icmp", "tcp"));
        if (random.nextBoolean()) {
            probes.add("udp");
        }
        if (random.nextBoolean()) {
            probes.add("dns");
        }
        lines.add("# Generated from seed " + Long.toUnsignedString(seed) + " (`swarmlab run --generated " + Long.toUnsignedString(seed)
                + "`): only what the judge models, so every cell must be matched.");
        lines.add("name: " + name(seed));
        lines.add("description: a generated lab (seed " + Long.toUnsignedString(seed) + ") for the differential test");
        lines.add("hosts: local:2");
        if (swarm) {
            lines.add("swarm: {managers: [h1]}");
        }
        if (random.nextBoolean()) {
            lines.add("outside: local");
        }
        lines.add("networks:");
        lines.addAll(networkLines);
        lines.add("workloads:");
        lines.addAll(workloads);
        if (hostAgents) {
            lines.add("agents: {networks: [host]}");
        }
        lines.add("probes: [" + String.join(", ", probes) + "]");
        return String.join("\n", lines) + "\n";
    }

    /** Two to four containers on one or two of the networks, and maybe a service on a (non-internal) overlay. */
    private List<String> workloads(List<Net> nets) {
        List<String> out = new ArrayList<>();
        int containers = 2 + random.nextInt(3);
        int port = 9101;
        for (int w = 1; w <= containers; w++) {
            String host = "h" + (1 + random.nextInt(2));
            List<Net> on = new ArrayList<>(List.of(nets.get(random.nextInt(nets.size()))));
            if (nets.size() > 1 && random.nextInt(3) == 0) {
                nets.stream().filter(n -> !on.contains(n)).findFirst().ifPresent(on::add);
            }
            List<String> attachments = new ArrayList<>();
            for (Net net : on) {
                List<String> fields = new ArrayList<>();
                if (random.nextInt(3) == 0) {
                    fields.add("aliases: [" + ALIASES[random.nextInt(ALIASES.length)] + "]");
                }
                if (random.nextInt(4) == 0) {
                    fields.add("ip: " + address(nets.indexOf(net), 100 + w));
                }
                attachments.add(fields.isEmpty() ? net.name() : "{name: " + net.name() + ", " + String.join(", ", fields) + "}");
            }
            StringBuilder line = new StringBuilder("  - {name: w" + w + ", host: " + host + ", networks: [" + String.join(", ", attachments) + "]");
            Net first = on.get(0);
            if (!first.overlay() && !first.internal() && random.nextBoolean()) {
                List<String> publish = new ArrayList<>(List.of("\"" + port++ + ":7000\""));
                if (random.nextBoolean()) {
                    publish.add("\"" + port++ + ":7001/udp\"");
                }
                line.append(", publish: [").append(String.join(", ", publish)).append("]");
            }
            out.add(line.append("}").toString());
        }
        nets.stream().filter(n -> n.overlay() && !n.internal()).findFirst().filter(n -> random.nextInt(3) == 0).ifPresent(n ->
                out.add("  - {name: s1, kind: service, networks: [" + n.name() + "], replicas: " + (1 + random.nextInt(2))
                        + (random.nextBoolean() ? ", endpointMode: dnsrr" : "") + "}"));
        return out;
    }

    private static String subnet(int index) {
        return "10.16" + index + ".0.0/24";
    }

    private static String address(int index, int host) {
        return "10.16" + index + ".0." + host;
    }
}
