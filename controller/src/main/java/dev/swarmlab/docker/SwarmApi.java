package dev.swarmlab.docker;

import java.util.List;
import java.util.Map;

/** A daemon's part in a swarm: init, join, leave, and what a manager knows of the cluster. */
public interface SwarmApi {
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
}
