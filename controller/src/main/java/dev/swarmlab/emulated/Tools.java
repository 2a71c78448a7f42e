package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The programs emulated hosts need, found on this machine, with the Debian package that has each. */
record Tools(Map<String, Path> found) {
    static final Map<String, String> PACKAGES = orderedPackages();

    private static Map<String, String> orderedPackages() {
        Map<String, String> packages = new LinkedHashMap<>();
        packages.put("ip", "iproute2");
        packages.put("iptables", "iptables");
        packages.put("nsenter", "util-linux");
        packages.put("unshare", "util-linux");
        packages.put("setsid", "util-linux");
        packages.put("mount", "mount");
        packages.put("pivot_root", "util-linux");
        packages.put("dockerd", "docker.io");
        packages.put("containerd", "containerd");
        packages.put("runc", "runc");
        packages.put("sshd", "openssh-server");
        packages.put("ssh-keygen", "openssh-client");
        return packages;
    }

    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /** Finds every tool or fails naming all that are missing and the packages to install. */
    static Tools find() {
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Set<String> packages = new LinkedHashSet<>();
        for (Map.Entry<String, String> tool : PACKAGES.entrySet()) {
            Path path = find(tool.getKey());
            if (path == null) {
                missing.add(tool.getKey());
                packages.add(tool.getValue());
            } else {
                found.put(tool.getKey(), path);
            }
        }
        if (!missing.isEmpty()) {
            throw new SwarmlabException("missing prerequisite" + (missing.size() > 1 ? "s" : "") + ": " + String.join(", ", missing),
                    "install them: apt-get install -y " + String.join(" ", packages) + "  (or run `make deps`)", List.of(), null);
        }
        return new Tools(found);
    }

    /** A program of this machine, looked up on PATH and the usual sbin/bin folders. */
    static Optional<Path> locate(String command) {
        return Optional.ofNullable(find(command));
    }

    private static Path find(String command) {
        Set<String> dirs = new LinkedHashSet<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    Path path(String command) {
        Path path = found.get(command);
        if (path == null) {
            throw new IllegalArgumentException("not a known tool: " + command);
        }
        return path;
    }
}
