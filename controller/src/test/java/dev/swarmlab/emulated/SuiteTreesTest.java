package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of suite trees, with debootstrap and chroot faked: built once, whole or not at all. */
class SuiteTreesTest {
    @TempDir
    Path cache;

    private final List<String> progress = new ArrayList<>();

    /** debootstrap that makes the target folder and says a few of its lines; dpkg-query as sid's says it. */
    private FakeCommands debian(int debootstrapExit) {
        return new FakeCommands()
                .answer("/usr/sbin/debootstrap", line -> {
                    String[] argv = line.split(" ");
                    try {
                        Files.createDirectories(Path.of(argv[argv.length - 2]).resolve("var/cache/apt/archives"));
                        Files.writeString(Path.of(argv[argv.length - 2]).resolve("var/cache/apt/archives/openssh-server.deb"), "deb");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    String out = debootstrapExit == 0
                            ? "I: Retrieving InRelease\nI: Retrieving libc6\nI: Validating libc6\nI: Base system installed successfully.\n"
                            : "I: Retrieving InRelease\nE: Couldn't download http://deb.debian.org/debian/dists/sid/InRelease\n";
                    return new CommandResult(Command.of(argv), debootstrapExit, out, "");
                })
                .answer("chroot " + cache + "/suites/", line -> new CommandResult(Command.of(line.split(" ")), 0,
                        "openssh-server 1:10.2p1-2\niproute2 6.17.0-1\n", ""));
    }

    private SuiteTrees trees(FakeCommands commands) {
        return new SuiteTrees(cache.resolve("suites"), SuiteTrees.DEFAULT_MIRROR, Optional.of(Path.of("/usr/sbin/debootstrap")),
                commands, (host, message) -> progress.add(host + " " + message));
    }

    @Test
    void aTreeIsBuiltOnceAndItsVersionsAreRead() {
        FakeCommands commands = debian(0);
        SuiteTree tree = trees(commands).ensure(Suite.SID);
        assertEquals("1:10.2p1-2", tree.packages().get("openssh-server"));
        assertTrue(Files.isDirectory(tree.dir()) && tree.dir().getFileName().toString().startsWith("sid-"), tree.dir().toString());
        assertFalse(Files.exists(tree.dir().resolve("var/cache/apt/archives")), "the package archives are dropped");
        assertTrue(commands.calls.get(0).contains("--include=openssh-server,iproute2,") && !commands.calls.get(0).contains("docker"),
                "no engine in the tree: each host's is provisioned: " + commands.calls.get(0));
        // one progress line per kind of debootstrap line, then the result
        assertEquals(1, progress.stream().filter(line -> line.contains("Retrieving")).count(), progress.toString());
        assertTrue(progress.get(progress.size() - 1).contains("built in"), progress.toString());

        SuiteTree again = trees(commands).ensure(Suite.SID);
        assertEquals(tree, again);
        assertEquals(1, commands.count("/usr/sbin/debootstrap"), "a cached tree is not built again");
    }

    @Test
    void aFailedBuildLeavesNothingAndSaysWhy() {
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> trees(debian(1)).ensure(Suite.SID));
        assertTrue(e.getMessage().contains("suite sid: debootstrap failed (exit 1)"), e.getMessage());
        assertTrue(e.evidence().stream().anyMatch(line -> line.startsWith("E: Couldn't download")), e.evidence().toString());
        assertTrue(e.remedy().contains("SWARMLAB_MIRROR"), e.remedy());
        assertEquals(List.of(), leftovers(), "no tree and no partial one is left");
    }

    @Test
    void anInterruptedBuildIsThrownAwayAndBuiltAgain() throws IOException {
        SuiteTrees trees = trees(debian(0));
        Path partial = trees.folder(Suite.TRIXIE).resolveSibling(trees.folder(Suite.TRIXIE).getFileName() + ".partial");
        Files.createDirectories(partial.resolve("usr/bin"));
        Files.writeString(partial.resolve("usr/bin/half-written"), "x");
        SuiteTree trixie = trees.ensure(Suite.TRIXIE);
        assertFalse(Files.exists(partial), "the interrupted tree is gone");
        assertFalse(Files.exists(trixie.dir().resolve("usr/bin/half-written")), "the tree was built anew, not finished from the half");
        SuiteTree sid = trees.ensure(Suite.SID);
        assertEquals("sid", sid.suite());
        assertFalse(trees.folder(Suite.TRIXIE).equals(sid.dir()), "each suite has its own folder");
    }

    @Test
    void withoutDebootstrapTheRemedyNamesThePackage() {
        SuiteTrees trees = new SuiteTrees(cache, SuiteTrees.DEFAULT_MIRROR, Optional.empty(), new FakeCommands(), (h, m) -> { });
        SwarmlabException e = assertThrows(SwarmlabException.class, () -> trees.ensure(Suite.BOOKWORM));
        assertTrue(e.remedy().contains("apt-get install -y debootstrap"), e.remedy());
    }

    private List<String> leftovers() {
        try (var files = Files.list(cache.resolve("suites"))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.equals(".lock")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
