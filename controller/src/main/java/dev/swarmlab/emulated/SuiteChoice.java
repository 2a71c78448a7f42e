package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.provision.EngineAsk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Debian suite each emulated host's root filesystem comes from, as `hosts up --suite` says it:
 * one suite for every host started ("sid"), or one per host ("h1=bookworm,h2=trixie,h3=sid", hosts
 * left out keep this machine's own root). Without the option every host runs on this machine's own
 * root and its own Docker, as before.
 */
public record SuiteChoice(Optional<Suite> all, Map<String, Suite> perHost, boolean bare, EngineAsk engines) {
    public static final SuiteChoice MACHINE = new SuiteChoice(Optional.empty(), Map.of(), false, EngineAsk.ARCHIVE);

    public SuiteChoice {
        perHost = Map.copyOf(perHost);
    }

    public SuiteChoice(Optional<Suite> all, Map<String, Suite> perHost, boolean bare) {
        this(all, perHost, bare, EngineAsk.ARCHIVE);
    }

    /**
     * `hosts up --engine 28.5` (or per host, "h1=20.10,h2=26.1,h3=sid"): each host gets the suite that ships the version asked,
     * and is provisioned with that version asked, so a suite that has moved on (sid) is refused naming what it ships now.
     */
    public static SuiteChoice forEngines(String text) {
        EngineAsk asked = EngineAsk.parse(text);
        String where = "--engine " + text;
        Optional<Suite> all = asked.all().map(v -> suiteFor(v, where));
        Map<String, Suite> perHost = new LinkedHashMap<>();
        asked.perHost().forEach((host, version) -> {
            if (!host.matches("h[1-9]\\d*")) {
                throw new SwarmlabException(where + ": '" + host + "' is not a host of the set (h1, h2, ...)",
                        "write one version for all hosts (--engine 28.5) or one per host (--engine h1=20.10,h2=26.1,h3=28.5)");
            }
            perHost.put(host, suiteFor(version, where + " (" + host + ")"));
        });
        return new SuiteChoice(all, perHost, false, asked);
    }

    private static Suite suiteFor(String asked, String where) {
        return Suite.ids().contains(asked) ? Suite.parse(asked, where) : Suite.shipping(asked, where);
    }

    public static SuiteChoice parse(String text) {
        String where = "--suite " + text;
        if (!text.contains("=")) {
            return new SuiteChoice(Optional.of(Suite.parse(text, where)), Map.of(), false);
        }
        Map<String, Suite> perHost = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", 2);
            String host = parts[0].trim();
            if (parts.length != 2 || !host.matches("h[1-9]\\d*")) {
                throw new SwarmlabException(where + ": '" + pair + "' is not HOST=SUITE",
                        "write one suite for all hosts (--suite sid) or one per host (--suite h1=bookworm,h2=trixie,h3=sid)");
            }
            if (perHost.put(host, Suite.parse(parts[1], where + " (" + host + ")")) != null) {
                throw new SwarmlabException(where + ": " + host + " is given twice", "name each host once");
            }
        }
        return new SuiteChoice(Optional.empty(), perHost, false);
    }

    /**
     * The same suites without their engine: new hosts stop after sshd, and `swarmlab provision` puts the
     * engine on them as on real machines. Only hosts of a suite can be bare (this machine's root has its Docker).
     */
    public SuiteChoice bareHosts() {
        if (all.isEmpty() && perHost.isEmpty()) {
            throw new SwarmlabException("--bare needs --suite: a host on this machine's own root runs this machine's Docker",
                    "add --suite bookworm|trixie|sid (or one per host, --suite h1=bookworm,h2=sid)");
        }
        return new SuiteChoice(all, perHost, true, engines);
    }

    /** The suite asked for the host, or empty for this machine's own root. */
    public Optional<Suite> forHost(String host) {
        return all.isPresent() ? all : Optional.ofNullable(perHost.get(host));
    }

    /** Whether the option said anything about the host (a host it leaves out keeps whatever root it has). */
    public boolean names(String host) {
        return all.isPresent() || perHost.containsKey(host);
    }

    /** Every host named must be one of h1..hN. */
    public void requireWithin(int count) {
        List<String> outside = perHost.keySet().stream().filter(h -> EmulatedHosts.index(h) > count).sorted().toList();
        if (!outside.isEmpty()) {
            throw new SwarmlabException("--suite names " + String.join(", ", outside) + ", but --count " + count + " starts h1..h" + count,
                    "raise --count or leave those hosts out of --suite");
        }
    }
}
