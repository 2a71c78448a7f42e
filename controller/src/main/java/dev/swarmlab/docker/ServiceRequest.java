package dev.swarmlab.docker;

import java.util.List;
import java.util.Map;

/**
 * A Swarm service to create: `docker service create` with the options a lab uses. Env values may
 * use Swarm's templates ({{.Node.Hostname}}); published ports are
 * {@code PublishedPort:TargetPort[/udp][:host]} ("8080:8080", "9000:9000:host" for mode=host).
 */
public record ServiceRequest(String name, String image, List<String> args, Map<String, String> env, Map<String, String> labels,
                             List<Attachment> networks, boolean dnsrr, List<String> publish, boolean global, int replicas,
                             List<String> constraints) {
    public record Attachment(String network, List<String> aliases) {
        public Attachment {
            aliases = List.copyOf(aliases);
        }
    }

    public ServiceRequest {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        networks = List.copyOf(networks);
        publish = List.copyOf(publish);
        constraints = List.copyOf(constraints);
    }
}
