package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.BusyException;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.TestLabs;
import dev.swarmlab.plan.CellFilter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab whose steps change the hosts themselves runs alone; other labs may share the hosts with each other. */
class RunLaunchesTest {
    @TempDir
    Path dir;

    private Lab lab(String name, String steps) throws Exception {
        return TestLabs.read(dir, "name: " + name + "\nhosts: local:1\nnetworks: [{name: n" + name + "}]\nagents: {networks: [n" + name + "]}\n"
                + steps);
    }

    /** Runs that last until the latch is released (at most 10 s). */
    private static LabRunner until(CountDownLatch release) {
        return (lab, runId, filter, root, progress) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void aLabThatChangesTheHostsRunsAlone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RunLaunches launches = new RunLaunches(until(release), dir);
        Lab mtu = lab("mtu", "steps: [{action: mtu, host: h1, mtu: 1400}]\n");
        Lab plain = lab("plain", "");
        Lab other = lab("other", "");
        launches.start(plain, CellFilter.ALL);
        launches.start(other, CellFilter.ALL); // two labs without host steps: fine together
        BusyException busy = assertThrows(BusyException.class, () -> launches.start(mtu, CellFilter.ALL));
        assertTrue(busy.getMessage().contains("lab mtu's steps change the hosts themselves"), busy.getMessage());
        release.countDown();
        CountDownLatch hold = new CountDownLatch(1);
        RunLaunches alone = new RunLaunches(until(hold), dir);
        alone.start(mtu, CellFilter.ALL);
        BusyException blocked = assertThrows(BusyException.class, () -> alone.start(plain, CellFilter.ALL));
        assertTrue(blocked.getMessage().startsWith("lab mtu is running"), blocked.getMessage());
        assertTrue(blocked.getMessage().contains("its steps change the hosts themselves"), blocked.getMessage());
        hold.countDown();
    }
}
