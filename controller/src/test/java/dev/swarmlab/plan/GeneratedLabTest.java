package dev.swarmlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.Each;
import dev.swarmlab.lab.GeneratedLab;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.LabFile;
import dev.swarmlab.lab.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The differential test's labs: valid lab files, the same for the same seed, using only what the model knows, varied. */
class GeneratedLabTest {
    @TempDir
    Path dir;

    @Test
    void everySeedGivesAValidLabThatTheModelJudgesWhole() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (long seed = 0; seed < 300; seed++) {
            String yaml = GeneratedLab.yaml(seed);
            assertEquals(yaml, GeneratedLab.yaml(seed), "the same seed, the same lab");
            Path file = dir.resolve(GeneratedLab.name(seed) + ".yaml");
            Files.writeString(file, yaml);
            Lab lab = LabFile.read(file);
            for (Network n : lab.networks()) {
                assertEquals(List.of(), NetworkOptions.unmodelled(n), yaml);
                seen.add(n.driver().id() + (n.internal() ? " internal" : ""));
                n.options().keySet().forEach(seen::add);
            }
            lab.workloads().forEach(w -> {
                seen.add(w.kind().name().toLowerCase());
                w.networks().stream().filter(a -> !a.aliases().isEmpty()).forEach(a -> seen.add("alias"));
                w.networks().stream().filter(a -> a.ip().isPresent()).forEach(a -> seen.add("static ip"));
                w.publish().forEach(p -> seen.add("publish " + p.container().protocol()));
                if (w.networks().size() > 1) {
                    seen.add("several networks");
                }
            });
            List<Cell> cells = ProbePlanner.plan(lab, FromDocsLabsTest.deployed(lab), List.of(), Map.of("h1", "10.250.0.11", "h2", "10.250.0.12"),
                    HostConditions.NONE, CellFilter.ALL, Optional.of(new Outside("10.250.0.2", 80)));
            assertTrue(Each.all(cells.stream(), c -> c.expected().judged()), yaml);
        }
        assertTrue(seen.containsAll(List.of("bridge", "bridge internal", "overlay", "overlay internal", "container", "service", "alias",
                "static ip", "publish tcp", "publish udp", "several networks", NetworkOptions.ICC, NetworkOptions.MASQUERADE,
                NetworkOptions.HOST_BINDING)), "300 seeds draw every kind: " + seen);
    }

    /**
     * Seed 37 found a model error on real Docker: a container on an --internal bridge reaches its host's own ports, but not
     * a port another container publishes there (the DNAT sends it on, and the internal bridge's forwarding is dropped).
     */
    @Test
    void seed37AContainerOnAnInternalBridgeDoesNotReachItsHostsPublishedPorts() throws IOException {
        Path file = dir.resolve(GeneratedLab.name(37) + ".yaml");
        Files.writeString(file, GeneratedLab.yaml(37));
        Lab lab = LabFile.read(file);
        List<Cell> cells = ProbePlanner.plan(lab, FromDocsLabsTest.deployed(lab), List.of(), Map.of("h1", "10.250.0.11", "h2", "10.250.0.12"),
                HostConditions.NONE, CellFilter.ALL, Optional.empty());
        List<Cell> published = cells.stream().filter(c -> c.source().equals("w1") && c.route() == Route.PUBLISHED).toList();
        assertEquals(2, published.size(), "w2's tcp and udp ports, from w1 beside it on h2");
        assertTrue(Each.none(published.stream(), c -> c.expected().reachable()), published.toString());
        assertTrue(Each.all(cells.stream().filter(c -> c.source().equals("w1") && c.route() == Route.HOST), c -> c.expected().reachable()),
                "its host's own ports it does reach");
    }

    /**
     * Fresh seeds of bench/differential.sh found that a name resolves over all the source's networks, not the cell's
     * alone: 19761026871679, w1's own alias on ov1 answers "store" asked on ov2; 23482339486254, w2 on br2 on another host
     * is reached by name through the overlay both share.
     */
    @Test
    void aNameResolvesOverEveryNetworkOfTheSource() throws IOException {
        List<Cell> first = plan(19761026871679L);
        Cell store = first.stream().filter(c -> c.network().equals("ov2") && c.source().equals("w1") && c.dial().equals("store")
                && c.probe().wire().equals("tcp")).findFirst().orElseThrow();
        assertEquals(Set.of("w1", "w2"), Set.copyOf(store.answerers()));
        List<Cell> second = plan(23482339486254L).stream().filter(c -> c.network().equals("br2") && c.source().equals("w1")
                && c.dial().equals("w2")).toList();
        assertEquals(4, second.size(), "icmp, tcp, udp, dns");
        assertTrue(Each.all(second.stream(), c -> c.expected().reachable()), second.toString());
    }

    /** Seed 11705513067861: w1 on h2 and w2 on h1 share the alias api on a bridge; each resolves it to itself, so no cell. */
    @Test
    void anAliasHeldOnAnotherHostsBridgeIsTheSourcesOwn() throws IOException {
        List<Cell> cells = plan(11705513067861L);
        assertEquals(List.of(), cells.stream().filter(c -> c.route() == Route.NAME && c.dial().equals("api")
                && (c.source().equals("w1") || c.source().equals("w2"))).toList(), "api is each one's own name on its host");
        assertTrue(Each.all(cells.stream().filter(c -> c.route() == Route.NAME && c.dial().equals("api")), c -> c.expected().reachable()),
                "from w3 and w4 on h1, api is w2");
    }

    /**
     * Seed 17592547965981: from a bridge with enable_ip_masquerade=false a port published on the same host by a container on
     * another bridge is DNATed and dropped between the bridges; one published on the source's own bridge still answers.
     */
    @Test
    void withoutMasqueradeAPortPublishedFromAnotherBridgeIsDropped() throws IOException {
        List<Cell> published = plan(17592547965981L).stream().filter(c -> c.route() == Route.PUBLISHED && c.source().equals("w3")).toList();
        Cell other = published.stream().filter(c -> c.port() == 9101).findFirst().orElseThrow();
        assertFalse(other.expected().reachable(), other.expected().reason());
        assertTrue(Each.all(plan(17592547965981L).stream().filter(c -> c.route() == Route.PUBLISHED && c.source().equals("w2")
                && c.port() == 9103), c -> c.expected().reachable()), "w2 goes out on br2, the bridge w3 publishes on");
    }

    private List<Cell> plan(long seed) throws IOException {
        Path file = dir.resolve(GeneratedLab.name(seed) + ".yaml");
        Files.writeString(file, GeneratedLab.yaml(seed));
        Lab lab = LabFile.read(file);
        return ProbePlanner.plan(lab, FromDocsLabsTest.deployed(lab), List.of(), Map.of("h1", "10.250.0.11", "h2", "10.250.0.12"),
                HostConditions.NONE, CellFilter.ALL, Optional.empty());
    }
}
