package dev.swarmlab.provision;

import dev.swarmlab.SwarmlabException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which engine `provision --engine` asks for: the archive's own (nothing asked), a version ("28.5",
 * "26.1.5", matched against the start of the upstream version), a suite ("sid": the engine that suite
 * ships, which only a host of that suite's archive has), for every host or per host
 * ("h1=20.10,h2=sid"). Packages come from the host's own archive: what it does not have is refused,
 * naming what it has.
 */
public record EngineAsk(Optional<String> all, Map<String, String> perHost) {
    public static final EngineAsk ARCHIVE = new EngineAsk(Optional.empty(), Map.of());
    private static final List<String> SUITES = List.of("bookworm", "trixie", "forky", "sid", "jammy", "noble");

    public EngineAsk {
        perHost = Map.copyOf(perHost);
    }

    public static EngineAsk parse(String text) {
        if (text == null || text.isBlank()) {
            return ARCHIVE;
        }
        if (!text.contains("=")) {
            return new EngineAsk(Optional.of(checked(text.strip(), "--engine " + text)), Map.of());
        }
        Map<String, String> perHost = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new SwarmlabException("--engine " + text + ": '" + pair + "' is not HOST=VERSION",
                        "write one version for all hosts (--engine 28.5) or one per host (--engine h1=20.10,h2=28.5)");
            }
            if (perHost.put(parts[0].strip(), checked(parts[1].strip(), "--engine " + text + " (" + parts[0].strip() + ")")) != null) {
                throw new SwarmlabException("--engine " + text + ": " + parts[0].strip() + " is given twice", "name each host once");
            }
        }
        return new EngineAsk(Optional.empty(), perHost);
    }

    private static String checked(String value, String where) {
        if (!value.matches("\\d+(\\.\\d+){0,2}") && !SUITES.contains(value)) {
            throw new SwarmlabException(where + ": '" + value + "' is neither a Docker version (28.5, 26.1.5) nor a suite (" + String.join(", ", SUITES) + ")",
                    "ask for a version the host's archive has, or leave --engine out for the archive's own");
        }
        return value;
    }

    /** What is asked for the host: a version, a suite, or empty for the archive's own. */
    Optional<String> forHost(String host) {
        return all.isPresent() ? all : Optional.ofNullable(perHost.get(host));
    }

    /**
     * The docker.io version to install from those the archive has (newest first), or a refusal that
     * names them. A suite is the archive's own engine when the host's archive is that suite.
     */
    String choose(String host, HostOs os, List<String> available) {
        if (available.isEmpty()) {
            throw new SwarmlabException(host + ": the archive of " + os.pretty() + " has no docker.io package",
                    "check the host's apt sources (the docker.io package is in Debian's main and Ubuntu's universe component)");
        }
        Optional<String> asked = forHost(host);
        if (asked.isEmpty() || asked.get().equals(os.suite()) || asked.get().equals(os.codename())) {
            return available.get(0);
        }
        String wanted = asked.get();
        if (SUITES.contains(wanted)) {
            throw new SwarmlabException(host + ": its archive is " + os.pretty() + "'s, not " + wanted + "'s: it has docker.io " + String.join(", ", available),
                    "ask for a version (--engine " + host + "=" + upstream(available.get(0)).replaceAll("^(\\d+\\.\\d+).*", "$1")
                            + "), or provision a host of " + wanted + " for its engine");
        }
        return available.stream().filter(version -> matches(upstream(version), wanted)).findFirst()
                .orElseThrow(() -> new SwarmlabException(host + ": its archive (" + os.pretty() + ") has no Docker " + wanted
                        + "; it has docker.io " + String.join(", ", available),
                        "ask for one of those (--engine " + host + "=" + upstream(available.get(0)).replaceAll("^(\\d+\\.\\d+).*", "$1")
                                + "), or provision a host whose distribution ships " + wanted + " (docker.io 20.10 is in Debian 12, 26.1 in 13, 28.5 in sid)"));
    }

    private static boolean matches(String upstream, String wanted) {
        return upstream.equals(wanted) || upstream.startsWith(wanted + ".");
    }

    /** "28.5.2" of "28.5.2+dfsg4-5" or "1:20.10.24+dfsg1-1+deb12u1". */
    static String upstream(String debianVersion) {
        String noEpoch = debianVersion.contains(":") ? debianVersion.substring(debianVersion.indexOf(':') + 1) : debianVersion;
        return noEpoch.split("[+~-]", 2)[0];
    }
}
