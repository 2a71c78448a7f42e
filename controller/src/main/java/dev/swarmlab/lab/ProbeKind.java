package dev.swarmlab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a probe measures, as lab files, the agent and reports spell it ("tcp", "dns"). */
public enum ProbeKind {
    ICMP(false), TCP(true), UDP(true), DNS(false), HTTP(true), LATENCY(true), THROUGHPUT(true), MTU(false);

    private final boolean identified;

    ProbeKind(boolean identified) {
        this.identified = identified;
    }

    /** The kind's name in lab files, the agent's input and the reports. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the far end says who it is (the agents' responders), so that another container answering shows as misrouted. */
    public boolean identified() {
        return identified;
    }

    @Override
    public String toString() {
        return wire();
    }

    /** The kind of that name, if it is one. */
    public static Optional<ProbeKind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(text)).findFirst();
    }

    /** The kind of that name; a name that is none is a bug of the caller (stored cells and plans only hold known kinds). */
    public static ProbeKind of(String text) {
        return parse(text).orElseThrow(() -> new IllegalStateException("no probe kind " + text + "; known: " + names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ProbeKind::wire).toList();
    }
}
