package dev.swarmlab.emulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Subnet;
import dev.swarmlab.system.CommandResult;
import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What must hold on this machine before any emulated host is made; each failure names a remedy. */
final class Prerequisites {
    private final Commands commands;

    Prerequisites(Commands commands) {
        this.commands = commands;
    }

    static void requireRoot() {
        if (effectiveUid() != 0) {
            throw new SwarmlabException("emulated hosts need root: they create network namespaces, veths, a bridge and firewall rules",
                    "run it as root, e.g. sudo ./swarmlab hosts up", List.of(), null);
        }
    }

    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: treat an unreadable status as "not root"
        }
        return -1;
    }

    void requireNamespaces() {
        for (String kind : List.of("net", "mnt", "uts")) {
            if (!Files.exists(Path.of("/proc/self/ns", kind))) {
                throw new SwarmlabException("this kernel has no " + kind + " namespaces (/proc/self/ns/" + kind + " is missing)",
                        "use a Linux kernel built with CONFIG_NAMESPACES, CONFIG_NET_NS, CONFIG_UTS_NS", List.of(), null);
            }
        }
    }

    /** Tries a VXLAN device in a scratch namespace: overlay networks need it, and only trying tells. */
    void requireVxlan(HostSet set) {
        String scratch = set.prefix() + "-vxcheck";
        commands.run("ip", "netns", "del", scratch);
        commands.must("ip", "netns", "add", scratch);
        try {
            CommandResult vxlan = commands.run("ip", "-n", scratch, "link", "add", "vxcheck", "type", "vxlan", "id", "4242", "dstport", "4789");
            if (!vxlan.ok()) {
                throw new SwarmlabException("this kernel cannot create VXLAN devices, which overlay networks need: " + vxlan.stderr().strip(),
                        "load the module (modprobe vxlan) or use a kernel with CONFIG_VXLAN", List.of(), null);
            }
        } finally {
            commands.run("ip", "netns", "del", scratch);
        }
    }

    /** Fails if a route on this machine (other than the set's own bridge) overlaps the underlay. */
    void requireFreeSubnet(Subnet subnet, String ownBridge) {
        String json = commands.must("ip", "-j", "-4", "route", "show", "table", "all").stdout();
        JsonNode routes;
        try {
            routes = new ObjectMapper().readTree(json.isBlank() ? "[]" : json);
        } catch (IOException e) {
            throw new SwarmlabException("cannot read `ip -j route` output: " + e.getMessage(), e);
        }
        for (JsonNode route : routes) {
            String dst = route.path("dst").asText();
            String dev = route.path("dev").asText();
            String type = route.path("type").asText("unicast");
            if (dst.isEmpty() || dst.equals("default") || dev.equals(ownBridge) || !type.equals("unicast") && !type.isEmpty()) {
                continue;
            }
            Subnet routed = Subnet.parse(dst);
            if (routed.overlaps(subnet)) {
                throw new SwarmlabException("underlay subnet " + subnet + " clashes with the route " + dst + " via " + dev + " on this machine",
                        "choose a free subnet with --subnet (for example 10.251.0.0/24)", List.of(), null);
            }
        }
    }
}
