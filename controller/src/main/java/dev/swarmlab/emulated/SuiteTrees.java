package dev.swarmlab.emulated;

import dev.swarmlab.Durations;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.Trees;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.CommandResult;
import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The root filesystems of Debian suites, built with debootstrap once and kept in a cache (by default
 * /var/cache/swarmlab/suites, or $SWARMLAB_CACHE/suites), one folder per suite and package list. A
 * tree is built in a ".partial" folder and only renamed into place once complete, so an interrupted
 * build is never used: the next command removes it and builds again. Builds of the cache are taken
 * one at a time (a file lock), so two commands asking for the same suite build it once.
 */
public final class SuiteTrees {
    public static final Path DEFAULT_CACHE = Path.of("/var/cache/swarmlab");
    static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    /** debootstrap took 72 s for sid here; a slow mirror gets far longer. */
    private static final Duration BUILD = Duration.ofMinutes(20);
    private static final Duration LOCK_WAIT = Duration.ofMinutes(30);
    private final Path dir;
    private final String mirror;
    private final Optional<Path> debootstrap;
    private final Commands commands;
    private final Progress progress;

    /** debootstrap: where this machine has it (empty: none, and a tree that must be built is refused). */
    SuiteTrees(Path dir, String mirror, Optional<Path> debootstrap, Commands commands, Progress progress) {
        this.dir = dir;
        this.mirror = mirror;
        this.debootstrap = debootstrap;
        this.commands = commands;
        this.progress = progress;
    }

    /** The trees of $SWARMLAB_CACHE (or /var/cache/swarmlab), fetched from $SWARMLAB_MIRROR (or deb.debian.org). */
    public static SuiteTrees standard(Commands commands, Progress progress) {
        Path cache = cacheRoot();
        String mirror = Optional.ofNullable(System.getenv("SWARMLAB_MIRROR")).filter(s -> !s.isBlank()).orElse(DEFAULT_MIRROR);
        return new SuiteTrees(cache.resolve("suites"), mirror, Tools.locate("debootstrap"), commands, progress);
    }

    /** $SWARMLAB_CACHE, or /var/cache/swarmlab: the suites' trees and what provisioning fetches for hosts. */
    public static Path cacheRoot() {
        return Optional.ofNullable(System.getenv("SWARMLAB_CACHE")).filter(s -> !s.isBlank()).map(Path::of).orElse(DEFAULT_CACHE);
    }

    /** Where the suite's tree lies: named by the suite and a digest of what debootstrap is asked to put in it. */
    Path folder(Suite suite) {
        return dir.resolve(suite.id() + "-" + digest(String.join(",", suite.packages()) + " " + mirror));
    }

    /** The suite's tree, from the cache or built now (with progress). */
    public SuiteTree ensure(Suite suite) {
        Path folder = folder(suite);
        Optional<SuiteTree> cached = SuiteTree.read(folder);
        if (cached.isPresent()) {
            return cached.get();
        }
        return locked(() -> SuiteTree.read(folder).orElseGet(() -> build(suite, folder)));
    }

    private SuiteTree build(Suite suite, Path folder) {
        Path program = debootstrap.orElseThrow(() -> new SwarmlabException("hosts of suite " + suite.id() + " need debootstrap to build their root filesystem",
                        "install it: apt-get install -y debootstrap  (or run `make deps`)"));
        Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
        discard(partial);
        String who = "suite " + suite.id();
        List<String> packages = suite.packages();
        long start = System.nanoTime();
        progress.step(who, "building its root filesystem with debootstrap from " + mirror + " (about a minute and 300 MB), cached in " + folder);
        List<String> argv = new ArrayList<>(List.of(program.toString(), "--variant=minbase",
                "--include=" + String.join(",", packages), suite.id(), partial.toString(), mirror));
        CommandResult result;
        try {
            result = commands.run(new Command(argv, BUILD, "build the root filesystem of " + suite.id()), phases(who));
        } catch (SwarmlabException e) {
            discard(partial);
            throw e;
        }
        if (!result.ok()) {
            discard(partial);
            List<String> tail = Stream.concat(result.stdout().lines(), result.stderr().lines()).toList();
            throw new SwarmlabException(who + ": debootstrap failed (exit " + result.exitCode() + ")",
                    "check that this machine reaches " + mirror + " (another mirror: SWARMLAB_MIRROR=URL), then run the command again",
                    tail.subList(Math.max(0, tail.size() - 15), tail.size()), null);
        }
        SuiteTree tree;
        try {
            Trees.delete(partial.resolve("var/cache/apt/archives")); // the packages are installed; their archives are 150 MB more
            tree = new SuiteTree(suite.id(), folder, Instant.now().toString(), versions(suite.id(), packages, partial));
            tree.write(partial);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            discard(partial);
            throw new SwarmlabException(who + ": cannot finish its tree in " + partial + ": " + e.getMessage(),
                    "run the command again; it builds the tree anew", List.of(), e);
        }
        progress.step(who, "built in " + Durations.since(start) + " (sshd and tools; each host's engine is provisioned onto it)");
        return tree;
    }

    /** debootstrap says hundreds of lines ("I: Retrieving libc6", "I: Validating libc6"...): the first of each kind is enough. */
    private Consumer<String> phases(String who) {
        Set<String> seen = new HashSet<>();
        return line -> {
            if (line.startsWith("I: ") && seen.add(line.substring(3).split(" ", 2)[0])) {
                progress.step(who, line.substring(3));
            }
        };
    }

    private Map<String, String> versions(String suite, List<String> packages, Path tree) {
        List<String> argv = new ArrayList<>(List.of("chroot", tree.toString(), "dpkg-query", "-W", "-f", "${Package} ${Version}\\n"));
        argv.addAll(packages);
        Map<String, String> versions = new LinkedHashMap<>();
        commands.run(new Command(argv, Command.DEFAULT_DEADLINE, "read the package versions of the " + suite + " tree")).orThrow()
                .stdout().lines().map(line -> line.split(" ", 2)).filter(parts -> parts.length == 2)
                .forEach(parts -> versions.put(parts[0], parts[1]));
        return versions;
    }

    /** A half-built tree: unmount what debootstrap left mounted in it (proc, sys) before removing it. */
    private void discard(Path partial) {
        if (Files.exists(partial)) {
            Mounts.unmountUnder(commands, partial);
            Trees.delete(partial);
        }
    }

    private <T> T locked(Supplier<T> work) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SwarmlabException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return WaitingLock.around(dir.resolve(".lock"), LOCK_WAIT, "building a suite's tree in " + dir, progress, work);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
