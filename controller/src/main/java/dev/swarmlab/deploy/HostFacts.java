package dev.swarmlab.deploy;

import dev.swarmlab.ssh.ExecResult;
import dev.swarmlab.ssh.SshSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What preflight needs to know about a host's kernel and network, gathered with one SSH command
 * (addresses, links, routes, kernel configuration, loaded modules, python3) so a host costs one round trip.
 */
public record HostFacts(String addresses, String links, String routesJson, String kernelConfig, Set<String> modules,
                        boolean hasPython) {
    static final String SEPARATOR = "--swarmlab--";
    private static final String SCRIPT = String.join("; echo " + SEPARATOR + "; ",
            "ip -o -4 addr show",
            "ip -o link show",
            "ip -j -4 route show",
            "c=$( (zcat /proc/config.gz || cat /boot/config-$(uname -r)) 2>/dev/null); [ -n \"$c\" ] && echo CONFIG_SWARMLAB_READ=y; "
                    + "echo \"$c\" | grep -E '^CONFIG_(VXLAN|IP_VS|INET_ESP|XFRM_USER|MACVLAN|IPVLAN)='",
            "ls /sys/module",
            "command -v python3");

    public static HostFacts gather(SshSession ssh, Duration deadline) {
        ExecResult result = ssh.exec(SCRIPT, deadline);
        String[] parts = (result.stdout() + "\n").split(SEPARATOR + "\n", -1);
        String[] p = Arrays.copyOf(parts, 6);
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] == null ? "" : p[i];
        }
        return new HostFacts(p[0], p[1], p[2].isBlank() ? "[]" : p[2], p[3],
                p[4].lines().map(String::strip).collect(Collectors.toSet()), !p[5].isBlank());
    }

    /** The interface that carries a host's address (its underlay), and that interface's MTU. */
    public record Underlay(String device, int mtu) {
    }

    /** The underlay of the host at the address, read with one short SSH command (no kernel configuration). */
    public static Optional<Underlay> underlay(SshSession ssh, String address, Duration deadline) {
        String[] parts = (ssh.exec("ip -o -4 addr show; echo " + SEPARATOR + "; ip -o link show", deadline).orThrow().stdout() + "\n")
                .split(SEPARATOR + "\n", -1);
        HostFacts facts = new HostFacts(parts[0], parts.length > 1 ? parts[1] : "", "[]", "", Set.of(), false);
        return facts.interfaceOf(address).flatMap(device -> facts.mtu(device).map(mtu -> new Underlay(device, mtu)));
    }

    /** The interface that carries the address, if the host has that address at all. */
    public Optional<String> interfaceOf(String address) {
        Matcher m = Pattern.compile("^\\d+:\\s+(\\S+)\\s+inet\\s+" + Pattern.quote(address) + "/", Pattern.MULTILINE).matcher(addresses);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public List<String> ipv4Addresses() {
        return Pattern.compile("inet\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)/").matcher(addresses).results().map(r -> r.group(1)).toList();
    }

    public Optional<Integer> mtu(String device) {
        Matcher m = Pattern.compile("^\\d+:\\s+" + Pattern.quote(device) + "(@\\S+)?:.*\\smtu\\s+(\\d+)", Pattern.MULTILINE).matcher(links);
        return m.find() ? Optional.of(Integer.parseInt(m.group(2))) : Optional.empty();
    }

    /** y, m, or empty when the kernel configuration says nothing (or could not be read). */
    public Optional<String> kernelOption(String option) {
        Matcher m = Pattern.compile("^CONFIG_" + option + "=(\\w)", Pattern.MULTILINE).matcher(kernelConfig);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public boolean kernelConfigKnown() {
        return kernelOption("SWARMLAB_READ").isPresent();
    }
}
