package dev.swarmlab.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container to create: `docker run -d` with the options a lab uses. {@code network} is the first
 * network (or `host`, `none`, `bridge`); {@code ip} and {@code aliases} apply to it. Published
 * ports are `docker run -p` strings ("8080:80", "80", "127.0.0.1:8080:80/udp").
 */
public record ContainerRequest(String name, String image, List<String> command, Map<String, String> env,
                               Map<String, String> labels, String network, Optional<String> ip, List<String> aliases,
                               List<String> publish, boolean publishAll, List<String> expose, List<String> links,
                               List<String> extraHosts, List<String> dnsOptions) {
    public ContainerRequest {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        aliases = List.copyOf(aliases);
        publish = List.copyOf(publish);
        expose = List.copyOf(expose);
        links = List.copyOf(links);
        extraHosts = List.copyOf(extraHosts);
        dnsOptions = List.copyOf(dnsOptions);
    }
}
