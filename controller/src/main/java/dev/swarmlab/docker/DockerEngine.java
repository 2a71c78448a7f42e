package dev.swarmlab.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Docker daemon, as the rest of swarmlab sees it. Only this package knows docker-java; the
 * emulated-hosts kit, deploy and the runner depend on this interface, and tests fake it.
 * Every method throws a SwarmlabException naming the daemon when the call fails.
 */
public interface DockerEngine extends AutoCloseable {
    /** Succeeds when the daemon answers GET /_ping: cheap, unlike /info, which runs runc and docker-init. */
    void ping();

    /** The daemon's account of itself (GET /info). */
    EngineInfo info();

    /** Creates a swarm with this daemon as its first manager; returns this node's id. */
    String swarmInit(String advertiseAddress, String dataPathAddress, Map<String, String> labels);

    /** The cluster id and join tokens (managers only). */
    SwarmTokens swarmTokens();

    /** Labels of the swarm itself (managers only). */
    Map<String, String> swarmLabels();

    void swarmJoin(String managerAddress, String token, String advertiseAddress, String dataPathAddress);

    void swarmLeave(boolean force);

    /** The swarm's nodes (managers only). */
    List<SwarmNode> nodes();

    List<NetworkState> networks();

    /** `docker network inspect NAME` as the daemon answers it (JSON). */
    String inspectNetwork(String name);

    /** The addresses of the swarm nodes that share an overlay network with this one (`docker network inspect --verbose`'s Peers). */
    List<String> networkPeers(String name);

    /** The endpoints on a network (`docker network inspect NAME`'s Containers). */
    List<Endpoint> endpoints(String network);

    /** Creates a network; returns its id. */
    String createNetwork(NetworkRequest request);

    void removeNetwork(String idOrName);

    /** `docker network prune --filter label=KEY=VALUE`: the unused networks with that label removed; their names. */
    List<String> pruneNetworks(String labelKey, String labelValue);

    /** Containers (running or not) carrying the label key=value. */
    List<LabelledObject> containers(String labelKey, String labelValue);

    void removeContainer(String id);

    /** The ids of every container the daemon has, running or not. */
    Set<String> containerIds();

    /** Creates and starts a container; returns its id. */
    String runContainer(ContainerRequest request);

    /** Attaches a running container to one more network, with an optional static address and aliases. */
    void connect(String container, String network, Optional<String> ip, List<String> aliases);

    /**
     * `docker network disconnect -f NETWORK CONTAINER`. Given an endpoint's name where its container is
     * gone, Docker removes that stale endpoint.
     */
    void disconnect(String container, String network);

    void startContainer(String container);

    void stopContainer(String container, int graceSeconds);

    /** The last lines a container wrote to stdout and stderr. */
    String logs(String container, int tailLines);

    /** The container's state, addresses and published ports (GET /containers/ID/json). */
    ContainerState inspectContainer(String container);

    /**
     * Runs a command in a running container with {@code stdin} as its input; every line it
     * writes to stdout goes to {@code lines} as it arrives. Gives up at the deadline.
     */
    ExecOutput exec(String container, List<String> command, byte[] stdin, Duration deadline,
                    Consumer<String> lines);

    /** Services carrying the label key=value (managers only). */
    List<LabelledObject> services(String labelKey, String labelValue);

    void removeService(String id);

    /** Creates a service (managers only); returns its id. Its image must be on every node that may run it. */
    String createService(ServiceRequest request);

    /** A service with its VIPs and tasks (managers only); tasks' nodes are given by hostname. */
    ServiceState inspectService(String name);

    /** Whether the daemon has an image of that name:tag. */
    boolean hasImage(String tag);

    /** Loads a `docker load` archive (sent through the tunnel, no registry involved). */
    void loadImage(Path archive);

    /** Where this daemon is reached and how, for messages. */
    String endpoint();

    @Override
    void close();
}
