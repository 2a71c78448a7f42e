package dev.swarmlab.provision;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the host's firewall (ufw, firewalld, an nftables input chain that drops by default) and says
 * which of the swarm's ports it would drop and the command that opens them. It changes nothing: the
 * host's firewall is its owner's.
 */
final class FirewallCheck {
    /** The swarm's ports: manager API, gossip (TCP and UDP), VXLAN data path. */
    static final List<String> SWARM_PORTS = List.of("2377/tcp", "7946/tcp", "7946/udp", "4789/udp");

    private FirewallCheck() {
    }

    /** One line per finding ("ufw: active, 2377/tcp 4789/udp not allowed: ufw allow ..."), or what was found open. */
    static String check(Remote remote) {
        String ufw = remote.run("command -v ufw >/dev/null && ufw status", Remote.SHORT).stdout();
        if (ufw.contains("Status: active")) {
            List<String> missing = SWARM_PORTS.stream().filter(port -> !ufw.contains(port)).toList();
            return missing.isEmpty() ? "ufw: active, the swarm ports are allowed"
                    : "ufw: active, " + String.join(" ", missing) + " not allowed: open them with "
                    + String.join(" && ", missing.stream().map(p -> "ufw allow " + p).toList());
        }
        if (remote.run("command -v firewall-cmd >/dev/null && firewall-cmd --state", Remote.SHORT).stdout().strip().equals("running")) {
            String open = remote.run("firewall-cmd --list-ports; firewall-cmd --list-services", Remote.SHORT).stdout();
            List<String> missing = open.contains("docker-swarm") ? List.of() : SWARM_PORTS.stream().filter(port -> !open.contains(port)).toList();
            return missing.isEmpty() ? "firewalld: running, the swarm ports are open"
                    : "firewalld: running, " + String.join(" ", missing) + " not open: " + String.join(" && ",
                    missing.stream().map(p -> "firewall-cmd --permanent --add-port=" + p).toList()) + " && firewall-cmd --reload";
        }
        String nft = remote.run("command -v nft >/dev/null && nft list ruleset", Remote.SHORT).stdout();
        if (dropsInput(nft)) {
            List<String> missing = SWARM_PORTS.stream().filter(port -> !nft.matches("(?s).*dport[^\\n]*\\b" + port.split("/")[0] + "\\b.*")).toList();
            return missing.isEmpty() ? "nftables: an input chain drops by default, the swarm ports have rules"
                    : "nftables: an input chain drops by default and has no rule for " + String.join(" ", missing)
                    + ": add e.g. nft add rule inet filter input tcp dport '{ 2377, 7946 }' accept && nft add rule inet filter input udp dport '{ 7946, 4789 }' accept";
        }
        return "open: no active ufw or firewalld, no nftables input chain that drops by default";
    }

    /** An nftables chain hooked on input whose policy is drop. */
    static boolean dropsInput(String ruleset) {
        List<String> chains = new ArrayList<>();
        for (String line : ruleset.lines().toList()) {
            if (line.contains("hook input") && line.contains("policy drop")) {
                chains.add(line);
            }
        }
        return !chains.isEmpty();
    }

    /** Whether the finding asks the user to open something. */
    static boolean blocks(String finding) {
        return finding.contains("not allowed") || finding.contains("not open") || finding.contains("has no rule");
    }
}
