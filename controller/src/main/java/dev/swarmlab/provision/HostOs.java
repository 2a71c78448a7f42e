package dev.swarmlab.provision;

import dev.swarmlab.SwarmlabException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's operating system as its /etc/os-release says it. swarmlab provisions Debian 12 and 13 (and
 * Debian's unstable suite, sid, which the emulated kit uses for the newest engine) and Ubuntu 22.04 and
 * 24.04; it refuses others and says which it supports.
 */
record HostOs(String id, String versionId, String codename, String pretty) {
    static final List<String> SUPPORTED = List.of("Debian 12 (bookworm)", "Debian 13 (trixie)", "Debian unstable (sid)",
            "Ubuntu 22.04 (jammy)", "Ubuntu 24.04 (noble)");

    static HostOs parse(String osRelease) {
        Map<String, String> fields = new LinkedHashMap<>();
        osRelease.lines().map(String::strip).filter(line -> line.contains("=") && !line.startsWith("#")).forEach(line -> {
            String key = line.substring(0, line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1).strip();
            fields.put(key, value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'")) ? value.substring(1, value.length() - 1) : value);
        });
        return new HostOs(fields.getOrDefault("ID", ""), fields.getOrDefault("VERSION_ID", ""), fields.getOrDefault("VERSION_CODENAME", ""),
                fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("ID", "an unnamed system")));
    }

    /** Debian's unstable suite names no version and the codename of the next release ("forky/sid"). */
    boolean unstable() {
        return id.equals("debian") && versionId.isEmpty() && pretty.endsWith("/sid");
    }

    boolean supported() {
        return switch (id) {
            case "debian" -> versionId.equals("12") || versionId.equals("13") || unstable();
            case "ubuntu" -> versionId.equals("22.04") || versionId.equals("24.04");
            default -> false;
        };
    }

    /** The Debian suite the host's archive is (bookworm, trixie, sid), or the Ubuntu codename. */
    String suite() {
        return unstable() ? "sid" : codename;
    }

    void requireSupported(String host) {
        if (!supported()) {
            throw new SwarmlabException(host + ": runs " + pretty + ", which swarmlab does not provision",
                    "provision a host running one of " + String.join(", ", SUPPORTED) + ", or install Docker on it by hand");
        }
    }
}
