package dev.swarmlab.lab;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Ipv4;
import dev.swarmlab.yaml.Problems;
import dev.swarmlab.yaml.YamlNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checks every part of a lab file shares, each reporting to {@link Problems} at the node it
 * concerns: names, references to hosts and networks, allowed values, addresses.
 */
final class LabChecks {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");
    final Problems problems;
    final Map<String, Network> networks = new LinkedHashMap<>();
    List<String> hostNames = List.of();

    LabChecks(Problems problems) {
        this.problems = problems;
    }

    boolean knownHost(YamlNode node, String role) {
        if (!hostNames.isEmpty() && !hostNames.contains(node.scalar())) {
            problems.add(node, role + " '" + node.scalar() + "' is not a host of this lab; hosts: " + String.join(", ", hostNames));
            return false;
        }
        return true;
    }

    boolean knownNetwork(YamlNode node, String where) {
        if (!networks.containsKey(node.scalar())) {
            problems.add(node, where + ": network '" + node.scalar() + "' is not defined in `networks`; defined: "
                    + String.join(", ", networks.keySet()));
            return false;
        }
        return true;
    }

    /**
     * A plain container may join an overlay only when it was created attachable: Docker refuses it at
     * `docker run` (or `network connect`) otherwise, after the swarm and the overlay exist. Said here,
     * before anything is created (docs.docker.com/engine/network/drivers/overlay/).
     */
    boolean joinable(YamlNode node, Network network, String who) {
        if (network.driver() == Network.Driver.OVERLAY && !network.attachable()) {
            problems.add(node, who + ": Docker refuses a plain container on overlay '" + network.name() + "', which is not attachable (only"
                    + " services may join it); add `attachable: true` to the network, or, to show the refusal, mark the workload"
                    + " `refused: <why>`");
            return false;
        }
        return true;
    }

    boolean checkName(YamlNode at, String name, String what) {
        if (!NAME.matcher(name).matches()) {
            problems.add(at, "'" + name + "' is not a " + what + " name: use lower-case letters, digits, '.', '-', '_' (up to 40), starting with a letter or digit");
            return false;
        }
        return true;
    }

    boolean oneOf(YamlNode at, String value, Set<String> allowed, String what) {
        if (!allowed.contains(value)) {
            problems.add(at, "unknown " + what + " '" + value + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            return false;
        }
        return true;
    }

    <E extends Enum<E>> E enumValue(YamlNode at, String text, Class<E> type) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        if (!allowed.contains(text)) {
            problems.add(at, "'" + text + "' is not allowed here; allowed: " + String.join(", ", allowed));
            return type.getEnumConstants()[0];
        }
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    Optional<String> address(YamlNode at, String text) {
        return parse(at, text, t -> Ipv4.format(Ipv4.parse(t)));
    }

    <T> Optional<T> parse(YamlNode at, String text, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(text));
        } catch (SwarmlabException e) {
            problems.add(at, e.getMessage());
            return Optional.empty();
        }
    }
}
