package dev.swarmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabFileTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            name: t
            hosts: local:3
            swarm: {managers: [h1]}
            """;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theDriversLabResolves() {
        Lab lab = LabFile.read(LabSchemaTest.LABS.resolve("drivers.yaml"));
        assertEquals("drivers", lab.name());
        assertEquals(new LabHosts.Local(3), lab.hosts());
        assertEquals(List.of("h1"), lab.swarm().orElseThrow().managers());
        Network overlay = lab.network("lab-overlay").orElseThrow();
        assertEquals(Network.Driver.OVERLAY, overlay.driver());
        assertTrue(overlay.attachable());
        assertEquals(Optional.of(Subnet.parse("10.90.0.0/24")), overlay.subnet());
        assertTrue(lab.network("bridge").orElseThrow().defaultBridge());
        assertEquals(List.of("lab-overlay", "lab-bridge"), lab.createdNetworks().stream().map(Network::name).toList());
        assertEquals(List.of("icmp", "tcp", "udp", "dns", "http", "throughput"), lab.probes().stream().map(ProbeKind::wire).toList());
    }

    @Test
    void workloadsKeepTheirAddressingPortsLinksAndExtraHosts() throws IOException {
        Lab lab = LabFile.read(write(HEAD + """
                networks:
                  - {name: appnet, driver: bridge, subnet: 192.168.100.0/24, gateway: 192.168.100.254}
                  - {name: bridge}
                workloads:
                  - name: db
                    host: h1
                    networks: [{name: appnet, ip: 192.168.100.123, aliases: [mongodb]}]
                    listen: [27017]
                  - name: app
                    host: h1
                    networks: [appnet]
                    publish: ["8080:80", "80/udp", "127.0.0.1:9090:90"]
                    extraHosts: ["host.docker.internal:host-gateway"]
                  - {name: web, host: h2, networks: [bridge]}
                  - {name: client, host: h2, networks: [bridge], links: ["web:www"]}
                  - {name: bad, host: h1, networks: [bridge], publish: ["8080:80"], refused: "the host port is taken"}
                """));
        Workload db = lab.workloads().get(0);
        assertEquals(Optional.of("192.168.100.123"), db.networks().get(0).ip());
        assertEquals(List.of("mongodb"), db.networks().get(0).aliases());
        Workload app = lab.workloads().get(1);
        assertEquals("[8080:80/tcp, 80/udp, 127.0.0.1:9090:90/tcp]", app.publish().toString());
        assertEquals(new Workload.ExtraHost("host.docker.internal", "host-gateway"), app.extraHosts().get(0));
        assertEquals(new Workload.Link("web", "www"), lab.workloads().get(3).links().get(0));
        assertEquals(Optional.of("the host port is taken"), lab.workloads().get(4).refused());
    }

    /** A network the lab expects Docker to refuse is tried, never deployed: it is no network of the lab, and an overlay of it needs no swarm. */
    @Test
    void aRefusedNetworkIsKeptApartFromTheLabsNetworks() throws IOException {
        Lab lab = LabFile.read(write("name: t\nhosts: local:1\nnetworks:\n  - {name: a}\n"
                + "  - {name: o, driver: overlay, refused: \"no swarm here\"}\n"));
        assertEquals(List.of("a"), lab.networks().stream().map(Network::name).toList());
        assertEquals(List.of("o"), lab.refusedNetworks().stream().map(r -> r.network().name()).toList());
        assertEquals("no swarm here", lab.refusedNetworks().get(0).why());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field         | colour: blue                                                                   | 4:9   | colour: unknown field 'colour'; allowed: agents, description, expectations, hosts, name, networks, outside, probes, steps, swarm, workloads
            unknown driver        | networks: [{name: n, driver: ipvlan}]                                          | 4:30  | networks[1].driver: unknown driver 'ipvlan'; allowed: bridge, macvlan, overlay
            host as a driver      | networks: [{name: n, driver: host}]                                            | 4:30  | (use Docker's built-in network: `- {name: host}`)
            overlapping subnets   | networks: [{name: a, subnet: 10.1.0.0/16}, {name: b, subnet: 10.1.2.0/24}]     | 4:62  | networks[2].subnet: subnet 10.1.2.0/24 overlaps network 'a' (10.1.0.0/16)
            gateway outside       | networks: [{name: a, subnet: 10.1.0.0/24, gateway: 10.2.0.1}]                  | 4:52  | networks[1].gateway: gateway 10.2.0.1 is outside the network's subnet 10.1.0.0/24
            ip without subnet     | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [{name: a, ip: 10.0.0.5}]}]                 | 5:58 | workloads[1].networks[1].ip: a static ip needs the network 'a' to have a `subnet`
            ip on default bridge  | networks: [{name: bridge}]\\nworkloads: [{name: w, host: h1, networks: [{name: bridge, ip: 172.17.0.9}]}]     | 5:63 | Docker refuses a static ip on its built-in 'bridge' network
            undefined network     | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [b]}]                                       | 5:44 | workloads[1].networks[1]: workload 'w': network 'b' is not defined in `networks`; defined: a
            duplicate network     | networks: [{name: a}, {name: a}]                                               | 4:30  | networks[2].name: duplicate network name 'a'
            duplicate workload    | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [a]}, {name: w, host: h2, networks: [a]}]   | 5:56 | workloads[2].name: duplicate workload name 'w'
            manager not a host    | networks: []\\nswarm: {managers: [h9]}                                          | 4:20  | swarm.managers[1]: manager 'h9' is not a host of this lab; hosts: h1, h2, h3
            overlay without swarm | networks: [{name: o, driver: overlay}]  # no swarm:                            | 3:30  | an overlay network needs a swarm
            unknown probe         | probes: [icmp, ping]                                                           | 4:16  | probes[2]: unknown probe kind 'ping'
            container without host| networks: [{name: a}]\\nworkloads: [{name: w, networks: [a]}]                  | 5:13  | container 'w' needs a `host` to run on
            service on a bridge   | networks: [{name: a}]\\nworkloads: [{name: s, kind: service, networks: [a]}]   | 5:49  | service 's' cannot join bridge network 'a'
            bad publish           | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [a], publish: ['80:x']}] | 5:58 | workloads[1].publish[1]: '80:x' is not a published port: 'x' is not a port number within 1..65535
            link off the bridge   | networks: [{name: a}]\\nworkloads: [{name: x, host: h1, networks: [a]}, {name: w, host: h1, networks: [a], links: [x]}] | 5:92 | legacy links work on the default bridge
            step without network  | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [a]}]\\nsteps: [{action: connect, workload: w}] | 6:9 | step 'connect' needs `network`
            unknown step action   | steps: [{action: explode}]                                                     | 4:18  | steps[1].action: 'explode' is not allowed here; allowed: connect, disconnect, stop, start, mtu, cut, restore, remove-network, prune
            expectation no reason | expectations: [{probe: dns, expect: blocked}]                                  | 4:16  | expectations[1]: missing required field 'reason'
            macvlan without subnet| networks: [{name: m, driver: macvlan}]                                         | 4:30  | networks[1].driver: a macvlan network needs a subnet
            publishMode on a container | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [a], publishMode: host}] | 5:61 | workloads[1].publishMode: 'publishMode' applies only to services
            container on a swarm-only overlay | networks: [{name: o, driver: overlay}]\\nworkloads: [{name: w, host: h1, networks: [o]}] | 5:44 | workloads[1].networks[1]: container 'w': Docker refuses a plain container on overlay 'o', which is not attachable
            agents on a swarm-only overlay | networks: [{name: o, driver: overlay}]\\nagents: {networks: [o]} | 5:21 | agents.networks[1]: agents: Docker refuses a plain container on overlay 'o'
            routed from its own host | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [a], routedFrom: [h1]}] | 5:61 | routedFrom lists h1, w's own host
            routed to an overlay | networks: [{name: o, driver: overlay, attachable: true}]\\nworkloads: [{name: w, host: h1, networks: [o], routedFrom: [h2]}] | 5:60 | which must be a bridge with a way out; 'o' is overlay
            routed host holds the bridge | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [a], routedFrom: [h2]}, {name: x, host: h2, networks: [a]}] | 5:60 | routedFrom host h2 holds network 'a' too (x)
            routed bridge of the agents | networks: [{name: a}]\\nworkloads: [{name: w, host: h1, networks: [a], routedFrom: [h2]}]\\nagents: {networks: [a]} | 5:60 | the lab's agents join network 'a', on every host
            published on an agent's port | networks: [{name: a}, {name: host}]\\nworkloads: [{name: w, host: h1, networks: [a], publish: ["8080:80"]}]\\nagents: {networks: [host]} | 5:58 | host port 8080/tcp is the host agents' own
            agents on a refused network | networks: [{name: o, driver: overlay, refused: no swarm}]\\nagents: {networks: [o]} | 5:21 | agents.networks[1]: agents: network 'o' is not defined
            """)
    void eachMistakeIsReportedAtItsLineAndField(String name, String body, String lineColumn, String expected) throws IOException {
        Path file = write(HEAD.replace("swarm: {managers: [h1]}\n", body.contains("swarm:") ? "" : "swarm: {managers: [h1]}\n")
                + body.replace("\\n", "\n") + "\n");
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> LabFile.read(file));
        String all = error.getMessage() + "\n" + String.join("\n", error.evidence());
        String where = file + ":" + lineColumn + ": ";
        assertTrue(all.lines().anyMatch(line -> line.startsWith(where) && line.contains(expected)),
                "expected a line starting with '" + where + "' containing '" + expected + "', got:\n" + all);
    }

    @Test
    void allProblemsOfAFileAreReportedAtOnce() throws IOException {
        Path file = write("""
                name: Bad Name
                hosts: local:99
                networks:
                  - {name: a, driver: ipvlan}
                  - {name: host, subnet: 10.0.0.0/8}
                probes: [smoke]
                """);
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> LabFile.read(file));
        assertEquals(file + ": 5 problems in this lab", error.getMessage());
        assertEquals(List.of(1, 2, 4, 5, 6), error.evidence().stream()
                .map(line -> Integer.parseInt(line.substring(file.toString().length() + 1).split(":")[0])).toList());
    }
}
