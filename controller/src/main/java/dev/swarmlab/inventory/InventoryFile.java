package dev.swarmlab.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.yaml.Fields;
import dev.swarmlab.yaml.Problems;
import dev.swarmlab.yaml.YamlFile;
import dev.swarmlab.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inventory file format, the same for emulated hosts and for real machines written by hand:
 * defaults at the top (user, port, identityFile, knownHostsFile), then a list of hosts, each of
 * which may override them. Relative paths are relative to the inventory file's folder.
 */
public final class InventoryFile {
    private static final Set<String> TOP_FIELDS = Set.of("user", "port", "identityFile", "knownHostsFile", "hosts");
    private static final Set<String> HOST_FIELDS = Set.of("name", "address", "user", "port", "identityFile", "knownHostsFile");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");

    private InventoryFile() {
    }

    public static Inventory read(Path file) {
        Problems problems = new Problems();
        YamlNode root = YamlFile.read(file, problems);
        Path folder = file.toAbsolutePath().getParent();
        Inventory inventory = Fields.of(root, problems, TOP_FIELDS)
                .map(top -> resolve(file, folder, top, problems))
                .orElse(null);
        problems.throwIfAny(file, "inventory");
        return inventory;
    }

    private static Inventory resolve(Path file, Path folder, Fields top, Problems problems) {
        Defaults defaults = new Defaults(
                top.string("user").orElse(InventoryHost.DEFAULT_USER),
                top.integer("port", 1, 65535).orElse(InventoryHost.DEFAULT_PORT),
                top.string("identityFile").map(p -> resolvePath(folder, p)).orElse(home(".ssh/id_ed25519")),
                top.string("knownHostsFile").map(p -> resolvePath(folder, p)).orElse(home(".ssh/known_hosts")));
        if (top.get("hosts").isEmpty()) {
            problems.add(top.node(), "missing required field 'hosts' (a list of {name, address})");
        }
        List<InventoryHost> hosts = top.get("hosts").map(list -> hostList(list, folder, defaults, problems)).orElse(List.of());
        return new Inventory(file, hosts);
    }

    private record Defaults(String user, int port, Path identityFile, Path knownHostsFile) {
        static Defaults standard() {
            return new Defaults(InventoryHost.DEFAULT_USER, InventoryHost.DEFAULT_PORT, home(".ssh/id_ed25519"), home(".ssh/known_hosts"));
        }
    }

    /**
     * Reads a list of host entries written somewhere else (a lab's inline `hosts:`), with the
     * standard defaults, reporting problems like an inventory file does.
     */
    public static List<InventoryHost> hosts(YamlNode list, Path folder, Problems problems) {
        return hostList(list, folder, Defaults.standard(), problems);
    }

    private static List<InventoryHost> hostList(YamlNode list, Path folder, Defaults defaults, Problems problems) {
        if (!list.isList()) {
            problems.add(list, "expected a list of hosts ({name, address, ...}), found " + list.describeKind());
            return List.of();
        }
        Set<String> names = new HashSet<>();
        List<InventoryHost> hosts = new ArrayList<>();
        for (YamlNode entry : list.items()) {
            host(entry, folder, defaults, problems).ifPresent(host -> {
                if (!names.add(host.name())) {
                    problems.add(entry, "duplicate host name '" + host.name() + "'");
                }
                hosts.add(host);
            });
        }
        return hosts;
    }

    private static Optional<InventoryHost> host(YamlNode node, Path folder, Defaults defaults, Problems problems) {
        return Fields.of(node, problems, HOST_FIELDS).flatMap(fields -> {
            Optional<String> name = fields.requiredString("name");
            Optional<String> address = fields.requiredString("address");
            name.filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> problems.add(fields.get("name").orElseThrow(),
                    "'" + n + "' is not a host name: use letters, digits, '.', '-' and '_' (up to 63)"));
            address.filter(a -> !ADDRESS.matcher(a).matches()).ifPresent(a -> problems.add(fields.get("address").orElseThrow(),
                    "'" + a + "' is not an address: give an IP address or a DNS name"));
            String user = fields.string("user").orElse(defaults.user());
            int port = fields.integer("port", 1, 65535).orElse(defaults.port());
            Path identity = fields.string("identityFile").map(p -> resolvePath(folder, p)).orElse(defaults.identityFile());
            Path knownHosts = fields.string("knownHostsFile").map(p -> resolvePath(folder, p)).orElse(defaults.knownHostsFile());
            if (name.isEmpty() || address.isEmpty()) {
                return Optional.empty();
            }
            if (!Files.isReadable(identity)) {
                problems.add(fields.get("identityFile").orElse(node), "identity file " + identity
                        + " does not exist or cannot be read; set identityFile to the private key that logs in as " + user);
            }
            return Optional.of(new InventoryHost(name.get(), address.get(), port, user, identity, knownHosts));
        });
    }

    private static Path resolvePath(Path folder, String text) {
        if (text.startsWith("~/")) {
            return home(text.substring(2));
        }
        return folder.resolve(text).normalize();
    }

    private static Path home(String relative) {
        return Path.of(System.getProperty("user.home")).resolve(relative);
    }

    /**
     * Writes an inventory whose hosts share one user, port, identity and known_hosts file
     * (as emulated hosts do), atomically, so a reader never sees half a file.
     */
    public static void write(Path file, List<InventoryHost> hosts, String header) {
        Path folder = file.toAbsolutePath().getParent();
        Map<String, Object> doc = new LinkedHashMap<>();
        if (!hosts.isEmpty()) {
            InventoryHost first = hosts.get(0);
            doc.put("user", first.user());
            doc.put("port", first.port());
            doc.put("identityFile", relative(folder, first.identityFile()));
            doc.put("knownHostsFile", relative(folder, first.knownHostsFile()));
        }
        doc.put("hosts", hosts.stream().map(h -> overrides(folder, h, hosts.get(0))).toList());
        YAMLMapper mapper = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        try {
            String text = header.lines().map(line -> "# " + line + "\n").reduce("", String::concat) + mapper.writeValueAsString(doc);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (JsonProcessingException e) {
            throw new SwarmlabException("cannot write inventory " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SwarmlabException("cannot write inventory " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> overrides(Path folder, InventoryHost host, InventoryHost defaults) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", host.name());
        entry.put("address", host.address());
        if (!host.user().equals(defaults.user())) {
            entry.put("user", host.user());
        }
        if (host.port() != defaults.port()) {
            entry.put("port", host.port());
        }
        if (!host.identityFile().equals(defaults.identityFile())) {
            entry.put("identityFile", relative(folder, host.identityFile()));
        }
        if (!host.knownHostsFile().equals(defaults.knownHostsFile())) {
            entry.put("knownHostsFile", relative(folder, host.knownHostsFile()));
        }
        return entry;
    }

    private static String relative(Path folder, Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(folder) ? folder.relativize(absolute).toString() : absolute.toString();
    }
}
