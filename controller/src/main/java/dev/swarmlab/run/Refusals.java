package dev.swarmlab.run;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.NetworkSpec;
import dev.swarmlab.docker.DockerRefusal;
import dev.swarmlab.lab.Agent;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Workload;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The container workloads a lab expects Docker to refuse (a static ip on the default bridge, a
 * host port already taken, a network that does not exist) and the networks (an overlay without a
 * swarm), tried once the lab is deployed: Docker's refusal, in its own words, is the result; what
 * Docker made anyway is removed at once.
 */
final class Refusals {
    private Refusals() {
    }

    static List<StepRound> attempt(Lab lab, Connections connections, String image) {
        List<StepRound> attempts = new ArrayList<>();
        for (Workload w : lab.workloads()) {
            if (w.refused().isEmpty() || w.kind() != Workload.Kind.CONTAINER || w.host().isEmpty()) {
                continue;
            }
            String title = "docker run " + w.name() + " on " + w.host().get() + " (" + w.refused().get() + ")";
            Optional<Connection> host = connections.get(w.host().get());
            if (host.isEmpty()) {
                attempts.add(StepRound.of(0, title, "run", true, "error", "host " + w.host().get() + " is not reachable"));
                continue;
            }
            Agent agent = new Agent(w.name(), w.host().get(), Agent.Role.WORKLOAD, w.networks(), Optional.of(w));
            boolean existed = exists(lab, host.get(), w.name());
            try {
                host.get().docker().runContainer(Fleet.request(lab, agent, image));
                attempts.add(StepRound.of(0, title, "run", true, "done", "Docker ran it; removed again"));
            } catch (DockerRefusal refusal) {
                attempts.add(StepRound.of(0, title, "run", true, "refused", w.host().get() + ": " + refusal.said()));
            } catch (SwarmlabException e) {
                attempts.add(StepRound.of(0, title, "run", true, "error", e.getMessage()));
            } finally {
                if (!existed && exists(lab, host.get(), w.name())) {
                    host.get().docker().removeContainer(w.name()); // a refused run may still have created it: nothing half-made stays
                }
            }
        }
        for (Lab.RefusedNetwork refused : lab.refusedNetworks()) {
            attempts.add(network(lab, refused, connections));
        }
        return attempts;
    }

    /** On the lab's first host. */
    private static StepRound network(Lab lab, Lab.RefusedNetwork refused, Connections connections) {
        Network network = refused.network();
        Optional<Connection> host = connections.reached().stream().findFirst();
        String title = "docker network create --driver " + network.driver().id() + " " + network.name() + host.map(h -> " on " + h.name())
                .orElse("") + " (" + refused.why() + ")";
        if (host.isEmpty()) {
            return StepRound.of(0, title, "create-network", true, "error", "no host is reachable");
        }
        try {
            host.get().docker().createNetwork(NetworkSpec.request(lab, network));
        } catch (DockerRefusal refusal) {
            return StepRound.of(0, title, "create-network", true, "refused", host.get().name() + ": " + refusal.said());
        } catch (SwarmlabException e) {
            return StepRound.of(0, title, "create-network", true, "error", e.getMessage());
        }
        try {
            host.get().docker().removeNetwork(network.name());
            return StepRound.of(0, title, "create-network", true, "done", "Docker created it; removed again");
        } catch (SwarmlabException e) {
            return StepRound.of(0, title, "create-network", true, "done", "Docker created it; removing it again failed (`swarmlab destroy`"
                    + " removes it): " + e.getMessage());
        }
    }

    private static boolean exists(Lab lab, Connection host, String name) {
        return host.docker().containers(Lab.LABEL, lab.name()).stream().anyMatch(o -> o.name().equals(name));
    }
}
