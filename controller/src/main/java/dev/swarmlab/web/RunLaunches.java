package dev.swarmlab.web;

import dev.swarmlab.BusyException;
import dev.swarmlab.Locks;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.plan.CellFilter;
import dev.swarmlab.run.LabRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this server started: at most one per lab at a time, each on its own thread (never the
 * event loop), with the steps it went through kept for the live view until the server stops.
 */
final class RunLaunches {
    /** One started run: its steps so far and, once it is over, whether it failed and why. */
    static final class Launch {
        final String runId;
        final String lab;
        private final List<String[]> steps = new ArrayList<>();
        private volatile boolean over;
        private volatile SwarmlabException failure;

        Launch(String runId, String lab) {
            this.runId = runId;
            this.lab = lab;
        }

        synchronized void step(String host, String message) {
            steps.add(new String[] {host, message});
        }

        /** The steps after the first {@code from}, each as host and message. */
        synchronized List<String[]> stepsFrom(int from) {
            return List.copyOf(steps.subList(Math.min(from, steps.size()), steps.size()));
        }

        boolean over() {
            return over;
        }

        Optional<SwarmlabException> failure() {
            return Optional.ofNullable(failure);
        }
    }

    private final LabRunner runner;
    private final Path stateRoot;
    private final Map<String, Launch> byRun = new ConcurrentHashMap<>();
    private final Map<String, Launch> runningByLab = new ConcurrentHashMap<>();
    /** The running labs whose steps change the hosts themselves. */
    private final Set<String> changingHosts = ConcurrentHashMap.newKeySet();

    private static boolean changesHosts(Lab lab) {
        return lab.steps().stream().anyMatch(s -> s.action().changesHosts());
    }

    RunLaunches(LabRunner runner, Path stateRoot) {
        this.runner = runner;
        this.stateRoot = stateRoot;
    }

    Optional<Launch> get(String runId) {
        return Optional.ofNullable(byRun.get(runId));
    }

    /**
     * Starts the lab's run on a thread of its own; refuses while the lab's last started run is still
     * going, and runs a lab whose steps change the hosts themselves (an MTU, a cut) alone: no other
     * lab's run may share the hosts' MTU or the cut chain with it. The filter was checked against the lab by the caller.
     */
    synchronized Launch start(Lab lab, CellFilter filter) {
        Launch launch = new Launch(LabRun.newId(), lab.name());
        Launch running = runningByLab.get(lab.name());
        if (running != null) {
            throw new BusyException("lab " + lab.name() + " is already running (run " + running.runId + ")",
                    "follow it at GET /api/runs/" + running.runId + "/events, or start again when it is over");
        }
        boolean changes = changesHosts(lab);
        for (Launch other : runningByLab.values()) {
            if (changes || changingHosts.contains(other.lab)) {
                throw new BusyException("lab " + other.lab + " is running (run " + other.runId + "), and " + (changes ? "lab " + lab.name()
                        + "'s" : "its") + " steps change the hosts themselves (MTU, cut off): such a lab runs alone",
                        "follow it at GET /api/runs/" + other.runId + "/events, and start this one when it is over");
            }
        }
        // Across processes too: a `swarmlab run` of the lab in a shell holds its lock.
        Locks.Held lock = Locks.lab(lab.name(), "run " + launch.runId + " started through the page's server");
        runningByLab.put(lab.name(), launch);
        if (changes) {
            changingHosts.add(lab.name());
        }
        byRun.put(launch.runId, launch);
        Thread thread = new Thread(() -> {
            try {
                runner.run(lab, launch.runId, filter, stateRoot, launch::step);
            } catch (SwarmlabException e) {
                launch.failure = e;
            } catch (RuntimeException e) {
                launch.failure = new SwarmlabException("run " + launch.runId + " of lab " + lab.name() + " stopped: " + e, e);
            } finally {
                lock.close();
                launch.over = true;
                synchronized (this) {
                    runningByLab.remove(lab.name(), launch);
                    changingHosts.remove(lab.name());
                }
            }
        }, "swarmlab-run-" + launch.runId);
        thread.setDaemon(true);
        thread.start();
        return launch;
    }
}
