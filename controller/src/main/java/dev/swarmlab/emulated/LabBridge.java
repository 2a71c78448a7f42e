package dev.swarmlab.emulated;

import dev.swarmlab.system.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux bridge that joins the emulated hosts' veths, with the gateway address, and the
 * FORWARD rule that lets bridged traffic pass when a dockerd on this machine has set the
 * FORWARD policy to DROP.
 */
final class LabBridge {
    private final HostSet set;
    private final Commands commands;

    LabBridge(HostSet set, Commands commands) {
        this.set = set;
        this.commands = commands;
    }

    boolean exists() {
        return Files.exists(Path.of("/sys/class/net", set.bridge()));
    }

    void ensure(Underlay underlay) {
        if (!exists()) {
            commands.must("ip", "link", "add", set.bridge(), "type", "bridge");
        }
        String gateway = underlay.gateway() + "/" + underlay.subnet().prefixLength();
        if (!commands.must("ip", "-4", "-o", "addr", "show", "dev", set.bridge()).stdout().contains(" " + gateway + " ")) {
            commands.must("ip", "addr", "add", gateway, "dev", set.bridge());
        }
        commands.must("ip", "link", "set", set.bridge(), "up");
        if (!commands.run(rule("-C")).ok()) {
            commands.must(rule("-I"));
        }
    }

    boolean ruleExists() {
        return commands.run(rule("-C")).ok();
    }

    /** Removes the rule (every copy of it) and the bridge; safe when neither exists. */
    void remove() {
        for (int copies = 0; copies < 16 && commands.run(rule("-C")).ok(); copies++) {
            commands.must(rule("-D"));
        }
        if (exists()) {
            commands.must("ip", "link", "del", set.bridge());
        }
    }

    private String[] rule(String action) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5", action, "FORWARD", "-i", set.bridge(), "-o", set.bridge(),
                "-m", "comment", "--comment", set.ruleComment(), "-j", "ACCEPT"));
        return argv.toArray(String[]::new);
    }
}
