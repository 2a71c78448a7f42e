package dev.swarmlab.docker;

/**
 * An endpoint on a network as `docker network inspect` lists it: whose it is (a container's id, or
 * a sandbox of Docker's own such as {@code ingress-sbox}) and its name (what `disconnect -f` takes).
 */
public record Endpoint(String owner, String name) {
}
