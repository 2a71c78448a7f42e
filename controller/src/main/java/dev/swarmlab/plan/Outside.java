package dev.swarmlab.plan;

/** An endpoint beyond the lab's hosts: HOST and PORT of an HTTP server, where egress cells go. */
public record Outside(String host, int port) {
}
