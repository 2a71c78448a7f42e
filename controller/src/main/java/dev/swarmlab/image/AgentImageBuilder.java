package dev.swarmlab.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmlab.Durations;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.Trees;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds the agent image without a registry or a Dockerfile: a jlink runtime (with its
 * class-data-sharing archive), the agent's jars, and the glibc files `ldd` names, as one layer
 * in a `docker load` archive tagged by a hash of its inputs, so an unchanged agent is never rebuilt.
 */
public final class AgentImageBuilder {
    static final List<String> MODULES = List.of("java.base", "jdk.httpserver", "jdk.naming.dns");
    static final String RUNTIME = "opt/agent";
    static final List<String> JARS = List.of("swarmlab-agent.jar", "jackson-core.jar");
    private static final Pattern LDD_PATH = Pattern.compile("(/\\S+) \\(0x");

    private final Path cache;
    private final Commands commands;
    private final Progress progress;

    public AgentImageBuilder(Path cache, Commands commands, Progress progress) {
        this.cache = cache;
        this.commands = commands;
        this.progress = progress;
    }

    public AgentImage build() {
        Map<String, byte[]> jars = new LinkedHashMap<>();
        for (String jar : JARS) {
            jars.put(jar, resource("agent-dist/" + jar));
        }
        String hash = contentHash(jars);
        String tag = "swarmlab/agent:" + hash;
        Path archive = cache.resolve(hash).resolve("image.tar");
        if (Files.exists(archive)) {
            return new AgentImage(tag, archive, size(archive));
        }
        long start = System.nanoTime();
        progress.step("-", "building the agent image " + tag + " (jlink runtime, agent jars, glibc files)");
        try {
            Path work = Files.createDirectories(cache.resolve(hash + ".work"));
            Path rootfs = work.resolve("rootfs");
            Trees.delete(rootfs);
            Files.createDirectories(rootfs.resolve(RUNTIME).getParent());
            jlink(rootfs.resolve(RUNTIME));
            Path app = Files.createDirectories(rootfs.resolve(RUNTIME).resolve("app"));
            for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
                Files.write(app.resolve(jar.getKey()), jar.getValue());
            }
            stripSymbols(rootfs.resolve(RUNTIME));
            classDataArchive(rootfs.resolve(RUNTIME), work);
            for (String library : libraries(rootfs.resolve(RUNTIME))) {
                Path target = rootfs.resolve(library.substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(Path.of(library), target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(rootfs.resolve("tmp"));
            Path layer = work.resolve("layer.tar");
            Layer.write(rootfs, layer);
            Path staging = work.resolve("image.tar");
            ImageArchive.write(staging, layer, tag, config(sha256(layer)));
            Files.createDirectories(archive.getParent());
            Files.move(staging, archive, StandardCopyOption.ATOMIC_MOVE);
            Trees.delete(work);
            progress.step("-", "built " + tag + ": " + size(archive) / (1024 * 1024) + " MB in " + Durations.since(start));
            return new AgentImage(tag, archive, size(archive));
        } catch (IOException e) {
            throw new SwarmlabException("cannot build the agent image in " + cache + ": " + e.getMessage(), e);
        }
    }

    private void jlink(Path output) {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        if (!Files.isExecutable(jlink)) {
            throw new SwarmlabException("the agent image needs jlink, and " + jlink + " is missing",
                    "install a full JDK 17 (apt-get install openjdk-17-jdk-headless)", List.of(), null);
        }
        commands.run(new Command(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug",
                "--no-man-pages", "--no-header-files", "--compress=2", "--output", output.toString()),
                Duration.ofMinutes(5), "link the agent's Java runtime")).orThrow();
    }

    /**
     * The runtime's default class-data archive, trained on the agent: `agent train` runs every
     * responder and probe kind once while the JVM lists the classes it loads, and only the JDK's
     * classes among them are archived (the agent's own jars are elsewhere at build time, and an
     * archive naming them would not match in the image). jlink's own archive covers every class
     * of java.base twice over (with and without compressed pointers): 22 MB against about 5.
     */
    private void classDataArchive(Path runtime, Path work) throws IOException {
        Path java = runtime.resolve("bin/java");
        Path list = work.resolve("agent.classlist");
        String classpath = runtime.resolve("app").resolve(JARS.get(0)) + ":" + runtime.resolve("app").resolve(JARS.get(1));
        commands.run(new Command(List.of(java.toString(), "-Xshare:off", "-XX:DumpLoadedClassList=" + list, "-cp", classpath,
                "dev.swarmlab.agent.AgentMain", "train"), Duration.ofMinutes(2), "train the agent for its class-data archive")).orThrow();
        List<String> jdkOnly = Files.readAllLines(list).stream()
                .filter(line -> !line.contains("dev/swarmlab/") && !line.contains("com/fasterxml/")).toList();
        Files.write(list, jdkOnly);
        commands.run(new Command(List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + runtime.resolve("lib/server/classes.jsa")), Duration.ofMinutes(2),
                "archive the agent's JDK classes (CDS)")).orThrow();
    }

    /** The runtime's native code keeps its symbol tables (libjvm.so: 4 of its 24 MB); nothing in the agent needs them. */
    private void stripSymbols(Path runtime) throws IOException {
        if (commands.run(new Command(List.of("sh", "-c", "command -v strip"), Duration.ofSeconds(10), "find strip")).exitCode() != 0) {
            progress.step("-", "strip (binutils) is missing: the agent image keeps its symbol tables, 4 MB more");
            return;
        }
        List<String> argv = new ArrayList<>(List.of("strip", "--strip-unneeded", runtime.resolve("bin/java").toString()));
        try (var files = Files.walk(runtime.resolve("lib"))) {
            files.filter(f -> f.toString().endsWith(".so")).forEach(f -> argv.add(f.toString()));
        }
        commands.run(new Command(argv, Duration.ofMinutes(1), "strip the runtime's symbol tables")).orThrow();
    }

    /** The shared libraries the runtime needs, by absolute path, as `ldd` resolves them on this machine. */
    private List<String> libraries(Path runtime) throws IOException {
        List<String> binaries = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
        try (var files = Files.walk(runtime.resolve("lib"))) {
            files.filter(f -> f.toString().endsWith(".so")).forEach(f -> binaries.add(f.toString()));
        }
        TreeSet<String> libraries = new TreeSet<>();
        for (String binary : binaries) {
            String out = commands.run(new Command(List.of("ldd", binary), Duration.ofSeconds(30), "list libraries of " + binary)).stdout();
            Matcher m = LDD_PATH.matcher(out);
            while (m.find()) {
                if (!m.group(1).startsWith(runtime.toString())) {
                    libraries.add(m.group(1));
                }
            }
        }
        return List.copyOf(libraries);
    }

    private static Map<String, Object> config(String diffId) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Entrypoint", AgentImage.ENTRYPOINT);
        config.put("Cmd", List.of("serve"));
        // One malloc arena: the agent's threads are few and mostly idle, and each arena costs memory.
        config.put("Env", List.of("PATH=/" + RUNTIME + "/bin", "MALLOC_ARENA_MAX=1"));
        config.put("ExposedPorts", Map.of("7000/tcp", Map.of(), "7001/udp", Map.of(), "8080/tcp", Map.of()));
        config.put("Labels", Map.of("dev.swarmlab.component", "agent"));
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("architecture", "amd64");
        image.put("os", "linux");
        image.put("config", config);
        image.put("rootfs", Map.of("type", "layers", "diff_ids", List.of("sha256:" + diffId)));
        return image;
    }

    static String contentHash(Map<String, byte[]> jars) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // The recipe is part of the content: a changed entrypoint or module list is a new image.
            digest.update(String.join(" ", AgentImage.ENTRYPOINT).getBytes(StandardCharsets.UTF_8));
            digest.update(String.join(",", MODULES).getBytes(StandardCharsets.UTF_8));
            jars.forEach((name, bytes) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            });
            digest.update((System.getProperty("java.version") + MODULES).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new SwarmlabException("this JVM has no SHA-256", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new SwarmlabException("this JVM has no SHA-256", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = AgentImageBuilder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new SwarmlabException("the controller jar lacks " + name, "rebuild it: mvn -B package (./swarmlab does this)",
                        List.of(), null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SwarmlabException("cannot read " + name + " from the controller jar: " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** One image layer: the root filesystem as a tar, owned by root, modes kept. */
    static final class Layer {
        private Layer() {
        }

        static void write(Path rootfs, Path tar) throws IOException {
            try (OutputStream file = Files.newOutputStream(tar);
                 TarArchiveOutputStream out = new TarArchiveOutputStream(file);
                 var tree = Files.walk(rootfs)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Path path : tree.sorted().toList()) {
                    if (path.equals(rootfs)) {
                        continue;
                    }
                    String name = rootfs.relativize(path).toString().replace('\\', '/');
                    boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                    TarArchiveEntry entry;
                    if (Files.isSymbolicLink(path)) {
                        entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                        entry.setLinkName(Files.readSymbolicLink(path).toString());
                    } else {
                        entry = new TarArchiveEntry(path.toFile(), name + (directory ? "/" : ""));
                    }
                    entry.setUserId(0);
                    entry.setGroupId(0);
                    entry.setUserName("root");
                    entry.setGroupName("root");
                    entry.setMode(name.equals("tmp") ? 01777 | 040000 : mode(path, directory));
                    out.putArchiveEntry(entry);
                    if (!directory && !Files.isSymbolicLink(path)) {
                        Files.copy(path, out);
                    }
                    out.closeArchiveEntry();
                }
            }
        }

        private static int mode(Path path, boolean directory) throws IOException {
            int bits = 0;
            for (var permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
                bits |= 1 << (8 - permission.ordinal());
            }
            return bits | (directory ? 040000 : 0100000);
        }
    }

    /** The `docker load` archive: manifest.json, the image config, and the layer. */
    static final class ImageArchive {
        private static final ObjectMapper JSON = new ObjectMapper();

        private ImageArchive() {
        }

        static void write(Path archive, Path layer, String tag, Map<String, Object> config) throws IOException {
            byte[] configBytes = JSON.writeValueAsBytes(config);
            String configName = sha256Bytes(configBytes) + ".json";
            String layerName = AgentImageBuilder.sha256(layer) + "/layer.tar";
            byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of("Config", configName, "RepoTags", List.of(tag),
                    "Layers", List.of(layerName))));
            try (OutputStream file = Files.newOutputStream(archive); TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                add(out, configName, configBytes);
                add(out, "manifest.json", manifest);
                TarArchiveEntry entry = new TarArchiveEntry(layerName);
                entry.setSize(Files.size(layer));
                out.putArchiveEntry(entry);
                Files.copy(layer, out);
                out.closeArchiveEntry();
            }
        }

        private static void add(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(bytes.length);
            out.putArchiveEntry(entry);
            out.write(bytes);
            out.closeArchiveEntry();
        }

        private static String sha256Bytes(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new SwarmlabException("this JVM has no SHA-256", e);
            }
        }
    }
}
