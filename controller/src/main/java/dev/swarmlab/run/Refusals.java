package dev.swarmlab.run;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.Connection;
import dev.swarmlab.deploy.Connections;
import dev.swarmlab.docker.DockerRefusal;
import dev.swarmlab.fleet.Agent;
import dev.swarmlab.fleet.Fleet;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The container workloads a lab expects Docker to refuse (a static ip on the default bridge, a
 * host port already taken, a network that does not exist), tried once the lab is deployed: Docker's
 * refusal, in its own words, is the result; a container Docker made anyway is removed at once.
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
        return attempts;
    }

    private static boolean exists(Lab lab, Connection host, String name) {
        return host.docker().containers(Lab.LABEL, lab.name()).stream().anyMatch(o -> o.name().equals(name));
    }
}
