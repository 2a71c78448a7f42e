package dev.swarmlab.run;

import dev.swarmlab.deploy.Finding;
import dev.swarmlab.deploy.NetworkSpec;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.plan.NetworkOptions;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lab's networks as each host reports them once deployed (`docker network ls`, the same fields
 * as `docker network inspect`): driver, internal, attachable, options, subnet and gateway, against
 * what the lab file asks. A difference is a finding of the run (status warn), never the new truth:
 * the cells are judged against what the lab asks. The default bridge is the one network the lab
 * cannot configure: its options come from the daemon's own configuration, so where they differ
 * from Docker's defaults the cells on it are judged as the host has it, and the run says so.
 */
public final class DeployedNetworks {
    /** The check every lab network's finding is under: "deployed network NAME". */
    static final String CHECK = "deployed network ";
    static final String DEFAULT_BRIDGE = "default bridge";
    /** What Docker gives its default bridge unless the daemon is told otherwise (--icc, --ip-masq, --ip). */
    private static final Map<String, String> DOCKER_DEFAULTS = NetworkOptions.BRIDGE_DEFAULTS;

    /** The findings, one per network and host, and each host's default bridge options that are not Docker's defaults. */
    public record Audit(List<Finding> findings, Map<String, Map<String, String>> defaultBridges) {
    }

    private DeployedNetworks() {
    }

    public static Audit of(Lab lab, Connections connections) {
        Map<String, List<NetworkState>> byHost = new LinkedHashMap<>();
        for (Connection host : connections.reached()) {
            byHost.put(host.name(), host.docker().networks());
        }
        return of(lab, byHost);
    }

    static Audit of(Lab lab, Map<String, List<NetworkState>> byHost) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Map<String, String>> defaultBridges = new TreeMap<>();
        byHost.forEach((host, networks) -> {
            for (Network network : lab.createdNetworks()) {
                // A swarm network shows on a worker once something of it runs there; one that is not the lab's is preflight's.
                find(networks, network.name()).filter(n -> lab.name().equals(n.labels().get(Lab.LABEL))).ifPresent(actual -> {
                    List<String> differences = differences(lab, network, actual);
                    findings.add(differences.isEmpty() ? Finding.pass(CHECK + network.name(), host, "as the lab asks: " + asked(lab, network))
                            : Finding.warn(CHECK + network.name(), host, "not as the lab asks: " + String.join("; ", differences),
                            "the cells are judged against what the lab asks; `docker network inspect " + network.name() + "` on " + host
                                    + " shows what Docker made of it"));
                });
            }
            if (lab.networks().stream().anyMatch(Network::defaultBridge)) {
                find(networks, "bridge").ifPresent(bridge -> {
                    Map<String, String> changed = new TreeMap<>();
                    DOCKER_DEFAULTS.forEach((key, value) -> {
                        String actual = bridge.options().getOrDefault(key, value);
                        if (!actual.equalsIgnoreCase(value)) {
                            changed.put(key, actual);
                        }
                    });
                    if (changed.isEmpty()) {
                        findings.add(Finding.pass(DEFAULT_BRIDGE, host, "Docker's defaults: " + DOCKER_DEFAULTS.keySet().stream().sorted()
                                .map(k -> k + "=" + bridge.options().getOrDefault(k, DOCKER_DEFAULTS.get(k))).toList()));
                    } else {
                        defaultBridges.put(host, changed);
                        findings.add(Finding.warn(DEFAULT_BRIDGE, host, "the daemon's configuration gives the default bridge "
                                + changed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList() + " (Docker's defaults: "
                                + changed.keySet().stream().map(k -> k + "=" + DOCKER_DEFAULTS.get(k)).toList()
                                + "); its cells are judged as this host has it", "to judge the lab against Docker's defaults, drop --icc,"
                                + " --ip-masq and --ip from dockerd (icc, ip-masq and ip in /etc/docker/daemon.json) and restart it"));
                    }
                });
            }
        });
        return new Audit(findings.stream().map(Finding::asDeployed).toList(), defaultBridges);
    }

    private static Optional<NetworkState> find(List<NetworkState> networks, String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** What the lab asks of the network, as `docker network create` was told it. */
    private static String asked(Lab lab, Network network) {
        List<String> asked = new ArrayList<>(List.of("driver " + network.driver().id()));
        if (network.internal()) {
            asked.add("internal");
        }
        if (network.attachable()) {
            asked.add("attachable");
        }
        network.subnet().ifPresent(s -> asked.add("subnet " + s));
        network.gateway().ifPresent(g -> asked.add("gateway " + g));
        NetworkSpec.request(lab, network).options().forEach((k, v) -> asked.add(v.isEmpty() ? k : k + "=" + v));
        return String.join(", ", asked);
    }

    /** Each field the host reports otherwise than the lab asks, as "the lab asks X, Docker reports Y". */
    static List<String> differences(Lab lab, Network network, NetworkState actual) {
        List<String> differences = new ArrayList<>();
        if (!network.driver().id().equals(actual.driver())) {
            differences.add("driver " + network.driver().id() + ", Docker reports " + actual.driver());
        }
        if (network.internal() != actual.internal()) {
            differences.add("internal " + network.internal() + ", Docker reports " + actual.internal());
        }
        if (network.swarmScope() && network.attachable() != actual.attachable()) {
            differences.add("attachable " + network.attachable() + ", Docker reports " + actual.attachable());
        }
        network.subnet().map(Object::toString).filter(s -> !actual.subnets().contains(s))
                .ifPresent(s -> differences.add("subnet " + s + ", Docker reports " + actual.subnets()));
        network.gateway().filter(g -> !actual.gateways().contains(g))
                .ifPresent(g -> differences.add("gateway " + g + ", Docker reports " + actual.gateways()));
        NetworkSpec.request(lab, network).options().forEach((key, value) -> {
            String reported = actual.options().get(key);
            if (!value.equals(reported)) {
                differences.add("option " + key + "=" + value + ", Docker reports " + (reported == null ? "none" : key + "=" + reported));
            }
        });
        return differences;
    }
}
