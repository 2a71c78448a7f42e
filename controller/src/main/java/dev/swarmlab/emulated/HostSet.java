package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One set of emulated hosts on this machine and the names of everything it creates. The prefix
 * keeps two sets apart (the demo's and a test's): every namespace, veth, bridge, cgroup and
 * firewall rule carries it, and its state lives in its own root-owned folder.
 */
public record HostSet(Path home, String prefix) {
    public static final String DEFAULT_PREFIX = "sl";
    public static final Path DEFAULT_HOME = Path.of("/var/lib/swarmlab");
    /** Linux interface names have at most 15 characters: prefix + "-h" + up to 3 digits + slack. */
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,6}");

    public HostSet {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new SwarmlabException("prefix '" + prefix + "' is not allowed: use 1 to 7 lower-case letters or digits, starting with a letter",
                    "choose a short prefix such as 'sl' or 'lab2'", List.of(), null);
        }
        home = home.toAbsolutePath().normalize();
    }

    public Path dir() {
        return home.resolve(prefix);
    }

    public Path hostsDir() {
        return dir().resolve("hosts");
    }

    public HostPaths paths(String host) {
        return new HostPaths(hostsDir().resolve(host));
    }

    public Path stateFile() {
        return dir().resolve("set.json");
    }

    public Path lockFile() {
        return home.resolve(prefix + ".lock");
    }

    public Path inventory() {
        return dir().resolve("inventory.yaml");
    }

    public Path identity() {
        return dir().resolve("id_ed25519");
    }

    public Path knownHosts() {
        return dir().resolve("known_hosts");
    }

    public String bridge() {
        return prefix + "-br";
    }

    /** Network namespace and root-side veth share this name. */
    public String netns(String host) {
        return prefix + "-" + host;
    }

    public String netnsPrefix() {
        return prefix + "-h";
    }

    /** The cgroup (relative to a hierarchy's root) that holds every process of this set. */
    public String cgroup() {
        return "swarmlab/" + prefix;
    }

    /** The comment that marks this set's firewall rules. */
    public String ruleComment() {
        return "swarmlab:" + prefix;
    }

    public static String hostName(int index) {
        return "h" + index;
    }
}
