package dev.swarmlab.docker;

/** A swarm's id and the tokens that join a node as worker or as manager. */
public record SwarmTokens(String clusterId, String worker, String manager) {
}
