package dev.swarmlab.docker;

/** One node as a manager sees it (`docker node ls`). */
public record SwarmNode(String id, String hostname, String role, String state, String availability, boolean leader,
                        String address) {
}
