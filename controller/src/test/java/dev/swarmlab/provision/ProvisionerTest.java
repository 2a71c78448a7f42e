package dev.swarmlab.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.CommandResult;
import dev.swarmlab.system.Commands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisionerTest {
    /** A host that reaches its mirror needs nothing of this machine. */
    private static final Commands NONE = new Commands() {
        @Override
        public CommandResult run(Command command) {
            throw new AssertionError("ran on this machine: " + command);
        }

        @Override
        public void spawn(Command command, Path log) {
            throw new AssertionError("started on this machine: " + command);
        }
    };
    private final Provisioner provisioner = new Provisioner(NONE, Path.of("/nonexistent"), Progress.SILENT, false);

    private Provisioner.Outcome provision(FakeDebianHost host, String engine) {
        return provisioner.provision("h1", host, EngineAsk.parse(engine));
    }

    @Test
    void aBareHostGetsTheArchivesEngineItsSettingsAndARunningDaemonAndASecondRunChangesNothing() {
        FakeDebianHost host = new FakeDebianHost();
        Provisioner.Outcome first = provision(host, null);
        assertEquals("28.5.2+dfsg4-5", host.packages.get("docker.io"));
        assertEquals("28.5.2+dfsg4-5", host.packages.get("docker-cli"), "sid ships the CLI apart: it comes at the engine's version");
        assertTrue(host.packages.keySet().containsAll(List.of("containerd", "runc", "iptables")));
        assertEquals(DaemonSettings.TEXT, host.files.get(DaemonSettings.FILE));
        assertTrue(host.enabled && host.active);
        assertEquals("28.5.2", first.engine());
        assertEquals(4, first.changes().size(), first.changes().toString());
        assertEquals(List.of("containerd", "docker-cli", "docker.io", "iptables", "libnftnl11", "runc"),
                host.files.get(Remote.INSTALLED).lines().toList(), "what --undo removes: all that was not there before");

        host.commands.clear();
        Provisioner.Outcome second = provision(host, null);
        assertTrue(second.changedNothing(), second.changes().toString());
        assertEquals(List.of(), host.changing(), "the second run only looked");
    }

    @Test
    void aVersionTheArchiveLacksIsRefusedNamingWhatItHasAndNothingIsInstalled() {
        FakeDebianHost host = new FakeDebianHost();
        host.archive = List.of("28.5.2+dfsg4-5", "28.5.1+dfsg4-1");
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> provision(host, "26.1"));
        assertTrue(e.getMessage().contains("has no Docker 26.1; it has docker.io 28.5.2+dfsg4-5, 28.5.1+dfsg4-1"), e.getMessage());
        assertTrue(e.remedy().contains("26.1 in 13"), e.remedy());
        assertFalse(host.packages.containsKey("docker.io"));
        assertEquals(List.of(), host.changing());

        provision(host, "28.5.1");
        assertEquals("28.5.1+dfsg4-1", host.packages.get("docker.io"), "an older version the archive has is taken when asked");
    }

    @Test
    void anEngineInstalledAtTheVersionAskedStaysAndOnlyTheSettingsChangeWithARestart() {
        FakeDebianHost host = new FakeDebianHost();
        for (String pkg : List.of("docker.io", "containerd", "runc", "iptables")) {
            host.packages.put(pkg, pkg.equals("docker.io") ? "28.5.2+dfsg4-5" : "1.0-1");
        }
        host.enabled = true;
        host.active = true;
        Provisioner.Outcome outcome = provision(host, "28.5");
        assertEquals(List.of("wrote " + DaemonSettings.FILE, "restarted dockerd"), outcome.changes());
        assertEquals(1, host.restarts);
        assertFalse(host.files.containsKey(Remote.INSTALLED), "provisioning installed nothing: --undo removes no package");
    }

    @Test
    void aDaemonJsonOfTheHostsOwnStopsTheRunWhichASecondRunCompletesOnceItIsMoved() {
        FakeDebianHost host = new FakeDebianHost();
        host.files.put(DaemonSettings.FILE, "{\"debug\": true}\n");
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> provision(host, null));
        assertTrue(e.getMessage().contains("has a /etc/docker/daemon.json of its own"), e.getMessage());
        assertTrue(e.remedy().contains("mv /etc/docker/daemon.json"), e.remedy());
        assertEquals("{\"debug\": true}\n", host.files.get(DaemonSettings.FILE), "the host's own file is left as it was");
        assertTrue(host.packages.containsKey("docker.io"), "the step before it was done");

        host.files.remove(DaemonSettings.FILE);
        host.commands.clear();
        Provisioner.Outcome rest = provision(host, null);
        assertEquals(List.of("wrote " + DaemonSettings.FILE, "enabled dockerd (systemd)", "started dockerd"), rest.changes());
        assertTrue(host.commands.stream().noneMatch(c -> c.contains("apt-get install")), "what the first run did is not done again");
    }

    @Test
    void anUnsupportedSystemOrAUserWithoutSudoIsRefusedBeforeAnythingChanges() {
        FakeDebianHost centos = new FakeDebianHost();
        centos.osRelease = "NAME=\"CentOS Stream\"\nID=\"centos\"\nVERSION_ID=\"9\"\nPRETTY_NAME=\"CentOS Stream 9\"\n";
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> provision(centos, null));
        assertEquals("h1: runs CentOS Stream 9, which swarmlab does not provision", e.getMessage());
        assertTrue(e.remedy().contains("Ubuntu 24.04 (noble)"), e.remedy());
        assertEquals(List.of("cat /etc/os-release"), centos.commands.stream().map(c -> c.replace("sh -c ", "").replace("'", "")).toList());

        FakeDebianHost user = new FakeDebianHost();
        user.uid = "1000";
        e = assertThrows(SwarmlabException.class, () -> provision(user, null));
        assertTrue(e.remedy().contains("NOPASSWD"), e.remedy());
        assertEquals(List.of(), user.changing());

        FakeDebianHost sudoer = new FakeDebianHost();
        sudoer.uid = "1000";
        sudoer.sudo = true;
        provision(sudoer, null);
        assertTrue(sudoer.commands.stream().filter(c -> c.contains("apt-get install")).allMatch(c -> c.startsWith("sudo -n sh -c ")));
    }

    @Test
    void undoRemovesWhatProvisioningInstalledAndWroteAndNothingElse() {
        FakeDebianHost host = new FakeDebianHost();
        host.packages.put("iptables", "1.8.13-1"); // the host's own, from before
        provision(host, null);
        Provisioner.Outcome undone = provisioner.undo("h1", host);
        assertFalse(host.packages.containsKey("docker.io"));
        assertEquals("1.8.13-1", host.packages.get("iptables"), "a package that was there before stays");
        assertFalse(host.files.containsKey(DaemonSettings.FILE));
        assertFalse(host.enabled || host.active);
        assertTrue(undone.changes().get(2).startsWith("5 packages removed"), undone.changes().toString());
        assertTrue(provisioner.undo("h1", host).changedNothing(), "a second undo finds nothing to do");
    }

}
