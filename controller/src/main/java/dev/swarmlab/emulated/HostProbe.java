package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.docker.DockerEngine;
import dev.swarmlab.docker.DockerEngines;
import dev.swarmlab.docker.EngineInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Asks an emulated host's daemons whether they answer: dockerd on its socket, sshd on its port. */
final class HostProbe {
    private HostProbe() {
    }

    /** dockerd's own account of itself with its API version, or a SwarmlabException saying why it did not answer. */
    static EngineInfo docker(HostPaths paths, Duration callDeadline) {
        // dockerd creates its socket last, once it serves the API: until then a docker client is wasted work.
        if (!Files.exists(paths.dockerSocket())) {
            throw new SwarmlabException("dockerd has not created " + paths.dockerSocket() + " yet");
        }
        try (DockerEngine engine = DockerEngines.unixSocket(paths.dockerSocket(), callDeadline)) {
            return engine.info().withApiVersion(engine.apiVersion());
        }
    }

    /** Whether something accepts TCP connections there within the deadline. */
    static boolean tcpOpen(String address, int port, Duration callDeadline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, callDeadline.toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** sshd's banner ("SSH-2.0-OpenSSH_9.2p1 ..."), read from a TCP connection to its address. */
    static String sshBanner(String address, int port, Duration callDeadline) {
        int millis = (int) Math.max(1, callDeadline.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis);
            socket.setSoTimeout(millis);
            String line = readLine(socket.getInputStream());
            if (!line.startsWith("SSH-")) {
                throw new SwarmlabException(address + ":" + port + " answered, but not with an SSH banner: " + line);
            }
            return line;
        } catch (IOException e) {
            throw new SwarmlabException("sshd at " + address + ":" + port + " does not answer: " + e.getMessage(), e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 256; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The pid in a pid file, if that process is alive and runs the expected program. */
    static Optional<ProcessHandle> process(Path pidFile, String program) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            // /proc/PID/stat: "pid (comm) state ...": a killed daemon not yet reaped is a zombie, not alive.
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return comm.equals(program) && state != 'Z' ? ProcessHandle.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The last lines of a log, for error messages. */
    static List<String> tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (all.isEmpty()) {
                return List.of(log.getFileName() + ": (empty)");
            }
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream().map(line -> log.getFileName() + ": " + line).toList();
        } catch (IOException e) {
            return List.of(log.getFileName() + ": (no log: " + e.getMessage() + ")");
        }
    }
}
