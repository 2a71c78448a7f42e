package dev.swarmlab.agent.probe;

/** One kind of probe (tcp, udp, http, dns, ...). Implementations must finish within the spec's timeout. */
public interface Probe {
    String kind();

    /** Runs the probe; network failures come back as results, never as exceptions. */
    ProbeResult run(ProbeSpec spec) throws Exception;
}
