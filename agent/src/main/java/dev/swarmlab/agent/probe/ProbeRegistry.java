package dev.swarmlab.agent.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The probe kinds this agent knows, by name. */
public final class ProbeRegistry {
    private final Map<String, Probe> probes = new LinkedHashMap<>();

    public ProbeRegistry(List<Probe> kinds) {
        kinds.forEach(probe -> probes.put(probe.kind(), probe));
    }

    public static ProbeRegistry standard() {
        return new ProbeRegistry(List.of(new IcmpProbe(), new TcpProbe(), new UdpProbe(), new HttpProbe(), new DnsProbe(),
                new LatencyProbe(), new ThroughputProbe(), new MtuProbe()));
    }

    public Optional<Probe> find(String kind) {
        return Optional.ofNullable(probes.get(kind));
    }

    public List<String> kinds() {
        return List.copyOf(probes.keySet());
    }
}
