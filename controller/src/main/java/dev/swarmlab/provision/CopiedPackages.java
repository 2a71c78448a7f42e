package dev.swarmlab.provision;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.Trees;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.CommandResult;
import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Packages for a host that reaches no mirror (an air-gapped lab, an emulated host): the controller reads
 * the host's own apt sources, keys, architecture and dpkg status over SSH, lets its own apt resolve and
 * download, for that archive and that status, exactly what the host lacks, copies the .deb files over SSH
 * (checked by SHA-256 on arrival) and has the host's apt install them without a network.
 */
final class CopiedPackages implements PackageSource {
    static final String HOST_DEBS = "/var/cache/swarmlab-provision/debs";
    private static final Duration APT = Duration.ofMinutes(10);
    private static final Duration COPY = Duration.ofMinutes(10);
    private static final Duration INSTALL = Duration.ofMinutes(15);
    private final Remote remote;
    private final Commands commands;
    private final Path work;
    private final List<String> apt;

    private CopiedPackages(Remote remote, Commands commands, Path work, List<String> apt) {
        this.remote = remote;
        this.commands = commands;
        this.work = work;
        this.apt = apt;
    }

    /** Reads the host's apt configuration into work (a folder of the controller's, one per host) and updates its lists there. */
    static CopiedPackages prepare(Remote remote, Commands commands, Path work) {
        if (commands.run("sh", "-c", "command -v apt-get").exitCode() != 0) {
            throw new SwarmlabException(remote.host() + ": reaches no mirror, and this machine has no apt-get to fetch its packages with",
                    "run the controller on a Debian or Ubuntu machine, or give the host a way to its mirror");
        }
        Trees.delete(work);
        Path etc = work.resolve("etc/apt");
        try {
            for (Path dir : List.of(etc.resolve("sources.list.d"), etc.resolve("trusted.gpg.d"), etc.resolve("preferences.d"),
                    work.resolve("lists/partial"), work.resolve("archives/partial"), work.resolve("state"), work.resolve("cache"))) {
                Files.createDirectories(dir);
            }
            String tar = remote.must("reading its apt sources and keys", "cd / && tar -cf - --ignore-failed-read etc/apt/sources.list etc/apt/sources.list.d"
                    + " etc/apt/trusted.gpg.d etc/apt/keyrings usr/share/keyrings 2>/dev/null | base64 -w0", Remote.SHORT, "check that the host has tar and base64 (coreutils)");
            Path archive = work.resolve("apt-config.tar");
            Files.write(archive, Base64.getDecoder().decode(tar.strip()));
            commands.run(new Command(List.of("tar", "-xf", archive.toString(), "-C", work.toString()), Command.DEFAULT_DEADLINE, "unpack the host's apt configuration")).orThrow();
            rebase(work, etc);
            Files.writeString(work.resolve("status"), remote.must("reading its dpkg status", "cat /var/lib/dpkg/status", Remote.SHORT, "check /var/lib/dpkg/status on the host"));
        } catch (IOException | IllegalArgumentException e) {
            throw new SwarmlabException(remote.host() + ": cannot prepare its packages in " + work + ": " + e.getMessage(), e);
        }
        String arch = remote.must("reading its architecture", "dpkg --print-architecture", Remote.SHORT, "check dpkg on the host").strip();
        List<String> options = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("Dir::Etc::sourcelist", etc.resolve("sources.list").toString());
        settings.put("Dir::Etc::sourceparts", etc.resolve("sources.list.d").toString());
        settings.put("Dir::Etc::trusted", etc.resolve("trusted.gpg").toString());
        settings.put("Dir::Etc::trustedparts", etc.resolve("trusted.gpg.d").toString());
        settings.put("Dir::Etc::preferences", etc.resolve("preferences").toString());
        settings.put("Dir::Etc::preferencesparts", etc.resolve("preferences.d").toString());
        settings.put("Dir::State", work.resolve("state").toString());
        settings.put("Dir::State::Lists", work.resolve("lists").toString());
        settings.put("Dir::State::status", work.resolve("status").toString());
        settings.put("Dir::Cache", work.resolve("cache").toString());
        settings.put("Dir::Cache::archives", work.resolve("archives").toString());
        settings.put("Dir::Log", work.resolve("state").toString());
        settings.put("APT::Architecture", arch);
        settings.put("APT::Architectures", arch);
        settings.put("Debug::NoLocking", "1");
        settings.forEach((key, value) -> options.addAll(List.of("-o", key + "=" + value)));
        CopiedPackages packages = new CopiedPackages(remote, commands, work, options);
        packages.local("apt-get", List.of("-q", "update"), "updating the package lists of its archive on this machine",
                "check that this machine reaches the mirrors in the host's apt sources (" + etc + ")");
        return packages;
    }

    /** Keyrings the host's sources name by absolute path (signed-by) are read from the copies in work. */
    private static void rebase(Path work, Path etc) throws IOException {
        List<Path> sources = new ArrayList<>();
        if (Files.exists(etc.resolve("sources.list"))) {
            sources.add(etc.resolve("sources.list"));
        }
        try (Stream<Path> parts = Files.list(etc.resolve("sources.list.d"))) {
            parts.forEach(sources::add);
        }
        for (Path file : sources) {
            String text = Files.readString(file);
            Files.writeString(file, text.replace("/usr/share/keyrings/", work + "/usr/share/keyrings/").replace("/etc/apt/keyrings/", work + "/etc/apt/keyrings/"));
        }
    }

    @Override
    public String how() {
        return "copied from the controller";
    }

    @Override
    public List<String> versions(String pkg) {
        return PackageSource.madison(local("apt-cache", List.of("madison", pkg), "reading the versions of " + pkg, "see the output above"));
    }

    @Override
    public void install(List<String> packages) {
        Path archives = work.resolve("archives");
        try (Stream<Path> old = Files.list(archives)) {
            old.filter(p -> p.toString().endsWith(".deb")).forEach(Trees::delete);
        } catch (IOException e) {
            throw new SwarmlabException("cannot clear " + archives + ": " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(List.of("-q", "-y", "install", "--download-only", "--no-install-recommends", "--allow-downgrades"));
        args.addAll(packages);
        local("apt-get", args, "downloading " + String.join(" ", packages) + " for it on this machine",
                "check that this machine reaches the mirrors in the host's apt sources, and that they have what is asked");
        List<Path> debs;
        try (Stream<Path> files = Files.list(archives)) {
            debs = files.filter(p -> p.toString().endsWith(".deb")).sorted().toList();
        } catch (IOException e) {
            throw new SwarmlabException("cannot list " + archives + ": " + e.getMessage(), e);
        }
        long bytes = debs.stream().mapToLong(CopiedPackages::size).sum();
        remote.step("copying " + debs.size() + " packages (" + bytes / (1024 * 1024) + " MB) over SSH");
        remote.must("making room for the packages", "rm -rf " + HOST_DEBS + " && mkdir -p " + HOST_DEBS, Remote.SHORT, "check the host's disk");
        StringBuilder expected = new StringBuilder();
        for (Path deb : debs) {
            remote.upload(deb, HOST_DEBS + "/" + deb.getFileName(), COPY);
            expected.append(sha256(deb)).append("  ").append(HOST_DEBS).append('/').append(deb.getFileName()).append('\n');
        }
        remote.must("checking the copied packages", "printf '%s' " + Remote.quote(expected.toString()) + " | sha256sum -c --quiet -", Remote.SHORT,
                "a package arrived damaged: run provision again");
        List<String> files = debs.stream().map(deb -> HOST_DEBS + "/" + deb.getFileName()).toList();
        // dpkg, not apt: the host has no package lists to resolve against, and everything it lacks is in the set.
        remote.must("installing " + String.join(" ", packages), "DEBIAN_FRONTEND=noninteractive dpkg --force-confdef --force-confold -i "
                        + String.join(" ", files) + " && rm -rf " + HOST_DEBS,
                INSTALL, "read the output above (a broken dpkg: `dpkg --configure -a`), then run provision again");
    }

    private String local(String program, List<String> args, String step, String remedy) {
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(apt);
        argv.addAll(args);
        CommandResult result = commands.run(new Command(argv, APT, step));
        if (!result.ok()) {
            List<String> output = (result.stdout() + "\n" + result.stderr()).strip().lines().toList();
            throw new SwarmlabException(remote.host() + ": " + step + " failed (exit " + result.exitCode() + ")", remedy,
                    output.subList(Math.max(0, output.size() - 15), output.size()), null);
        }
        return result.stdout();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream digest = (DigestInputStream) in;
            digest.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new SwarmlabException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
