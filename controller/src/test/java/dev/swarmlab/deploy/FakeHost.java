package dev.swarmlab.deploy;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.ContainerRequest;
import dev.swarmlab.docker.ContainerState;
import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.docker.DockerRefusal;
import dev.swarmlab.docker.Endpoint;
import dev.swarmlab.docker.EngineInfo;
import dev.swarmlab.docker.ExecOutput;
import dev.swarmlab.docker.LabelledObject;
import dev.swarmlab.docker.NetworkRequest;
import dev.swarmlab.docker.NetworkState;
import dev.swarmlab.docker.ServiceRequest;
import dev.swarmlab.docker.ServiceState;
import dev.swarmlab.docker.SwarmNode;
import dev.swarmlab.docker.SwarmTokens;
import dev.swarmlab.inventory.Inventory;
import dev.swarmlab.inventory.InventoryHost;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.ExecResult;
import dev.swarmlab.ssh.SshSession;
import dev.swarmlab.ssh.SshStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host for preflight and runner tests: the project's own SSH and Docker interfaces, answering from fields a test sets. */
public final class FakeHost {
    final String name;
    final String address;
    EngineInfo engine;
    /** What /info answers before {@link #engine}, one a call: a state in flux. */
    public final Queue<EngineInfo> engineBefore = new ConcurrentLinkedQueue<>();
    public List<NetworkState> networks = new ArrayList<>();
    long clockOffsetMillis;
    String addresses;
    String links;
    String routes = "[]";
    String kernel = "CONFIG_SWARMLAB_READ=y\nCONFIG_VXLAN=m\nCONFIG_MACVLAN=m\n";
    String modules = "vxlan\nbridge\n";
    SshSession.TcpReach reach = SshSession.TcpReach.REFUSED;
    /** What a lab step did on this host, as "connect web back", "rm busy", "prune". */
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** Calls (as in {@link #calls}) the daemon refuses, with its words. */
    public final Map<String, String> refusals = new ConcurrentHashMap<>();
    /** The containers the daemon lists (by label). */
    public final List<LabelledObject> labelled = new ArrayList<>();
    /** Each overlay's peers as this host lists them (`network inspect --verbose`), by network name. */
    public final Map<String, List<String>> peers = new ConcurrentHashMap<>();
    /** The swarm's nodes, as this host (a manager) lists them. */
    public List<SwarmNode> nodes = List.of();
    /** The SWARMLAB-* chains the host's filter table has, one a line. */
    public String chains = "";
    /** What `ss -Hltn` lists as listening (a leaked gossip port: "LISTEN 0 4096 *:7946 *:*"). */
    public String listening = "";
    /** Each network's endpoints, by network name. */
    public final Map<String, List<Endpoint>> endpoints = new ConcurrentHashMap<>();
    /** Every container id the daemon has. */
    public final Set<String> containerIds = ConcurrentHashMap.newKeySet();
    /** What the daemon answers to each `swarm leave` before one that works, one a call. */
    public final Queue<String> leaveRefusals = new ConcurrentLinkedQueue<>();
    /** What the daemon answers to each `network rm` before one that works, one a call. */
    public final Queue<String> removeRefusals = new ConcurrentLinkedQueue<>();
    /** What a prune of the lab's networks removes. */
    public List<String> unused = List.of();

    private void step(String call) {
        String said = refusals.get(call);
        if (said != null) {
            throw new DockerRefusal("docker " + call + " on " + name + " failed: " + said, said, null);
        }
        calls.add(call);
    }

    public FakeHost(String name, String address) {
        this.name = name;
        this.address = address;
        this.engine = new EngineInfo(name, "20.10.24", "inactive", "", false, "", "", "6.1", "Debian");
        this.addresses = "2: eth0    inet " + address + "/24 brd 10.0.0.255 scope global eth0\n";
        this.links = "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n";
    }

    public InventoryHost inventoryHost() {
        return new InventoryHost(name, address, 22, "root", Path.of("/id"), Path.of("/known_hosts"));
    }

    /** Connections to these fake hosts, as `run` would open them over an inventory file in the folder. */
    public static Connections connect(Path dir, FakeHost... hosts) {
        Map<String, FakeHost> byName = new HashMap<>();
        for (FakeHost host : hosts) {
            byName.put(host.name, host);
        }
        Inventory inventory = new Inventory(dir.resolve("inv.yaml"),
                Arrays.stream(hosts).map(FakeHost::inventoryHost).toList());
        return Connections.open(inventory, h -> byName.get(h.name()).connection(), Progress.SILENT, Duration.ofSeconds(5));
    }

    public Connection connection() {
        return new Connection(inventoryHost(), new Ssh(), new Docker());
    }

    final class Ssh implements SshSession {
        @Override
        public ExecResult exec(String command, Duration deadline) {
            if (command.startsWith("date")) {
                return new ExecResult(name, command, 0, (System.currentTimeMillis() + clockOffsetMillis) + "\n", "");
            }
            if (command.startsWith("ss -Hltn")) { // the host's listening sockets on a port (the swarm's gossip port)
                return new ExecResult(name, command, 0, listening, "");
            }
            if (command.startsWith("iptables -w -S")) { // reading the filter table's chains changes nothing
                return new ExecResult(name, command, 0, chains, "");
            }
            if (command.contains("iptables") || command.contains("ip link set")) { // what lab steps change on the host itself
                calls.add("ssh " + command);
                Matcher mtu = Pattern.compile("ip link set dev eth0 mtu (\\d+)").matcher(command);
                if (mtu.find()) {
                    links = links.replaceFirst("mtu \\d+", "mtu " + mtu.group(1));
                }
                return new ExecResult(name, command, 0, "", "");
            }
            String separator = "\n" + HostFacts.SEPARATOR + "\n";
            String out = String.join(separator, addresses, links, routes, kernel, modules, "/usr/bin/python3\n");
            return new ExecResult(name, command, 0, out, "");
        }

        @Override
        public SshStream openUnixSocket(String path, Duration deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SshStream openCommand(String command, Duration deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TcpReach reach(String target, int port, Duration deadline) {
            return reach;
        }

        @Override
        public String target() {
            return name;
        }

        @Override
        public void close() {
        }
    }

    /** What this host's agents answer to one probe spec line (JSON in, JSON out). */
    public UnaryOperator<String> agent = spec -> {
        throw new UnsupportedOperationException("no agent answers on this fake host");
    };
    /** Each container's environment, NAME=VALUE, as `agent env` in it prints it. */
    public final Map<String, List<String>> environment = new HashMap<>();

    /** Containers whose exec fails as a stopped container's does. */
    public final Set<String> dead = new HashSet<>();

    final class Docker implements DockerEngine {
        @Override
        public void ping() {
        }

        @Override
        public EngineInfo info() {
            EngineInfo before = engineBefore.poll();
            return before != null ? before : engine;
        }

        @Override
        public String apiVersion() {
            return "1.41";
        }

        @Override
        public List<NetworkState> networks() {
            return networks;
        }

        @Override
        public List<LabelledObject> containers(String labelKey, String labelValue) {
            return labelled.stream().filter(o -> labelValue.equals(o.labels().get(labelKey))).toList();
        }

        @Override
        public boolean hasImage(String tag) {
            return false;
        }

        @Override
        public void loadImage(Path archive) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String endpoint() {
            return "fake " + name;
        }

        @Override
        public String swarmInit(String advertiseAddress, String dataPathAddress, Map<String, String> labels) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SwarmTokens swarmTokens() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> swarmLabels() {
            return Map.of();
        }

        @Override
        public void swarmJoin(String managerAddress, String token, String advertiseAddress, String dataPathAddress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void swarmLeave(boolean force) {
            String refused = leaveRefusals.poll();
            if (refused != null) {
                throw new DockerRefusal("docker swarm leave on " + name + " failed: " + refused, refused, null);
            }
            calls.add("leave");
            engine = new EngineInfo(engine.hostname(), engine.version(), "inactive", "", false, "", "", engine.kernelVersion(),
                    engine.operatingSystem());
        }

        @Override
        public List<SwarmNode> nodes() {
            return nodes;
        }

        @Override
        public String inspectNetwork(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Endpoint> endpoints(String network) {
            return endpoints.getOrDefault(network, List.of());
        }

        @Override
        public Set<String> containerIds() {
            return containerIds;
        }

        @Override
        public List<String> networkPeers(String name) {
            List<String> listed = peers.get(name);
            if (listed == null) {
                throw new DockerRefusal("fake " + FakeHost.this.name + ": network " + name + " not found", "not found", null);
            }
            return listed;
        }

        @Override
        public String createNetwork(NetworkRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeNetwork(String idOrName) {
            String refused = removeRefusals.poll();
            if (refused != null) {
                throw new DockerRefusal("docker network rm " + idOrName + " on " + name + " failed: " + refused, refused, null);
            }
            if (!endpoints.getOrDefault(idOrName, List.of()).isEmpty()) {
                throw new DockerRefusal("docker network rm " + idOrName + " on " + name + " failed: error while removing network: "
                        + "network " + idOrName + " id 3f2a has active endpoints", "network " + idOrName + " id 3f2a has active endpoints", null);
            }
            step("rm " + idOrName);
            networks = networks.stream().filter(n -> !n.name().equals(idOrName) && !n.id().equals(idOrName)).toList();
        }

        @Override
        public List<String> pruneNetworks(String labelKey, String labelValue) {
            step("prune " + labelKey + "=" + labelValue);
            return unused;
        }

        @Override
        public void removeContainer(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String runContainer(ContainerRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void connect(String container, String network, Optional<String> ip, List<String> aliases) {
            step("connect " + container + " " + network);
        }

        @Override
        public void disconnect(String container, String network) {
            step("disconnect " + container + " " + network);
            endpoints.computeIfPresent(network, (n, list) -> list.stream().filter(e -> !e.name().equals(container)).toList());
        }

        @Override
        public void startContainer(String container) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stopContainer(String container, int graceSeconds) {
            step("stop " + container);
        }

        @Override
        public String logs(String container, int tailLines) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContainerState inspectContainer(String container) {
            throw new UnsupportedOperationException();
        }

        /** Answers each probe spec line with {@link #agent}'s result line; a container in {@link #dead} fails like a stopped one. */
        @Override
        public ExecOutput exec(String container, List<String> command, byte[] stdin, Duration deadline,
                                                   Consumer<String> lines) {
            if (dead.contains(container)) {
                throw new SwarmlabException("docker exec in " + container + " on fake " + name + " failed: container "
                        + container + " is not running");
            }
            if (command.contains("env")) { // `agent env PREFIX`: the container's variables with that prefix
                String prefix = command.get(command.size() - 1);
                environment.getOrDefault(container, List.of()).stream().filter(v -> v.startsWith(prefix)).forEach(lines);
                return new ExecOutput(0, "", false);
            }
            new String(stdin, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(agent).forEach(lines);
            return new ExecOutput(0, "", false);
        }

        @Override
        public List<LabelledObject> services(String labelKey, String labelValue) {
            return List.of();
        }

        @Override
        public String createService(ServiceRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServiceState inspectService(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeService(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
