package dev.swarmlab.deploy;

import dev.swarmlab.Durations;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.ServiceState;
import dev.swarmlab.fleet.FleetDeployer;
import dev.swarmlab.lab.Placed;
import dev.swarmlab.image.AgentImage;
import dev.swarmlab.image.AgentImageBuilder;
import dev.swarmlab.image.AgentImages;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.session.Connection;
import dev.swarmlab.session.Connections;
import dev.swarmlab.session.LabState;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.LocalCommands;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** `swarmlab deploy`: preflight, plan, and (unless it is a dry run) apply. */
public final class Deployment {
    /** Failures that --force never overrides: nothing safe can be done past them. */
    private static final Set<String> ALWAYS_BLOCKING = Set.of("ssh and docker", "swarm membership", "network names", "advertise address", "leftovers");

    /**
     * @param containerChanges agents and workloads created, started or removed
     * @param placed           where every agent and container workload is, with its addresses (empty after a dry run)
     * @param services         the lab's services with their VIPs and running tasks
     */
    public record Result(List<Finding> findings, DeployPlanner.Plan plan, boolean applied, int containerChanges,
                         List<Placed> placed, List<ServiceState> services, String image) {
        public boolean changedNothing() {
            return plan.actions().isEmpty() && containerChanges == 0;
        }
    }

    private final Lab lab;
    private final LabState state;
    private final Progress progress;

    public Deployment(Lab lab, LabState state, Progress progress) {
        this.lab = lab;
        this.state = state;
        this.progress = progress;
    }

    /**
     * @param report called with the findings and the plan before anything changes, so the
     *               user sees them even when the deploy then stops
     */
    public Result run(Connections connections, boolean dryRun, boolean force, BiConsumer<List<Finding>, DeployPlanner.Plan> report) {
        long start = System.nanoTime();
        Observation observed = Observation.of(lab, connections, state);
        Map<String, String> addresses = new LinkedHashMap<>();
        connections.hosts().stream().filter(h -> observed.views().containsKey(h.name()))
                .forEach(h -> addresses.put(h.name(), h.address()));
        DeployPlanner.Plan plan = connections.unreachable().isEmpty()
                ? DeployPlanner.plan(lab, addresses, observed.views(), observed.ourCluster(), observed.ourNodes())
                : new DeployPlanner.Plan(List.of(), List.of());
        List<Finding> findings = new Preflight(lab, connections, observed.views(), plan).run();
        progress.step("-", "preflight: " + findings.size() + " checks on " + connections.hosts().size() + " hosts in "
                + Durations.since(start));
        state.writeJson("preflight.json", findings);
        report.accept(findings, plan);
        List<Finding> blocking = findings.stream().filter(f -> f.status() == Finding.Status.FAIL)
                .filter(f -> !force || ALWAYS_BLOCKING.contains(f.check())).toList();
        if (!blocking.isEmpty()) {
            throw new SwarmlabException("preflight failed: " + blocking.size() + " check(s); nothing was created",
                    blocking.stream().anyMatch(f -> ALWAYS_BLOCKING.contains(f.check())) ? blocking.get(0).remedy()
                            : "fix them, or run again with --force to deploy anyway",
                    blocking.stream().map(f -> f.host() + ": " + f.check() + ": " + f.evidence()).toList(), null);
        }
        if (dryRun) {
            return new Result(findings, plan, false, 0, List.of(), List.of(), "");
        }
        if (!plan.actions().isEmpty()) {
            new Deployer(lab, connections, state, progress).apply(plan);
        }
        FleetDeployer fleet = new FleetDeployer(lab, state, progress);
        String image = image(connections);
        List<Placed> placed = fleet.ensure(connections, image);
        List<ServiceState> services = fleet.ensureServices(connections, image);
        return new Result(findings, plan, true, fleet.changes(), placed, services, image);
    }

    /** The lab's own image (it must be on every host already), or swarmlab's, built here and loaded where missing. */
    private String image(Connections connections) {
        if (lab.agents().image().isPresent()) {
            String image = lab.agents().image().get();
            List<String> lacking = connections.reached().stream().filter(c -> !c.docker().hasImage(image)).map(Connection::name).toList();
            if (!lacking.isEmpty()) {
                throw new SwarmlabException("the lab's agent image " + image + " is not on " + String.join(", ", lacking),
                        "pull or load it there (docker pull " + image + "), or remove agents.image to use the image swarmlab builds");
            }
            return image;
        }
        AgentImage built = new AgentImageBuilder(cache(), new LocalCommands(), progress).build();
        AgentImages.ensure(built, connections.reached(), progress);
        return built.tag();
    }

    /** Where built agent images are kept: $SWARMLAB_CACHE, else ~/.cache/swarmlab. */
    private static Path cache() {
        String configured = System.getenv("SWARMLAB_CACHE");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "swarmlab", "images");
    }

}
