package dev.swarmlab.provision;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.Progress;
import dev.swarmlab.ssh.ExecResult;
import dev.swarmlab.ssh.SshSession;
import dev.swarmlab.ssh.SshStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One host as provisioning drives it: shell commands over its SSH session, as root or through
 * `sudo -n`, each step said on the controller's progress and written to the host's own journal
 * ({@link #JOURNAL}), which `provision --undo` reads to know what provisioning installed.
 */
final class Remote {
    static final String STATE = "/var/lib/swarmlab-provision";
    static final String JOURNAL = STATE + "/journal";
    /** The packages provisioning installed (none of them was there before), one per line. */
    static final String INSTALLED = STATE + "/installed";
    static final Duration SHORT = Duration.ofSeconds(30);
    private final String host;
    private final SshSession ssh;
    private final Progress progress;
    private boolean sudo;

    Remote(String host, SshSession ssh, Progress progress) {
        this.host = host;
        this.ssh = ssh;
        this.progress = progress;
    }

    String host() {
        return host;
    }

    /** Root, or a user whose sudo needs no password; anything else is refused before anything changes. */
    void requireRoot() {
        if (ssh.exec("id -u", SHORT).stdout().strip().equals("0")) {
            return;
        }
        if (!ssh.exec("sudo -n true", SHORT).ok()) {
            throw new SwarmlabException(host + ": " + ssh.target() + " is not root and cannot use sudo without a password",
                    "log in as root (user: root in the inventory), or give the user passwordless sudo (a line '"
                            + ssh.target().split("@")[0] + " ALL=(ALL) NOPASSWD:ALL' in /etc/sudoers.d/)");
        }
        sudo = true;
    }

    /** A shell script run as root; its result whatever the exit status. */
    ExecResult run(String script, Duration deadline) {
        return ssh.exec((sudo ? "sudo -n " : "") + "sh -c " + quote(script), deadline);
    }

    /** A script that must succeed: its stdout, or a failure naming the host, the step, the output and a remedy. */
    String must(String step, String script, Duration deadline, String remedy) {
        ExecResult result = run(script, deadline);
        if (!result.ok()) {
            journal(step + ": failed (exit " + result.exitCode() + ")");
            List<String> output = (result.stdout() + "\n" + result.stderr()).strip().lines().toList();
            List<String> evidence = new ArrayList<>(List.of("$ " + (script.length() > 240 ? script.substring(0, 240) + " ..." : script)));
            evidence.addAll(output.subList(Math.max(0, output.size() - 20), output.size()));
            throw new SwarmlabException(host + ": " + step + " failed (exit " + result.exitCode() + ")", remedy, evidence, null);
        }
        return result.stdout();
    }

    void step(String text) {
        progress.step(host, text);
    }

    /** A line in the host's journal: what provisioning did there, and when. */
    void journal(String line) {
        run("mkdir -p " + STATE + " && printf '%s %s\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" " + quote(line) + " >> " + JOURNAL, SHORT);
    }

    /** Copies a local file to the host through the SSH channel's stdin, waiting for the remote end to finish writing. */
    void upload(Path file, String remotePath, Duration deadline) {
        String command = (sudo ? "sudo -n " : "") + "sh -c " + quote("cat > " + quote(remotePath));
        try (SshStream stream = ssh.openCommand(command, deadline); InputStream local = Files.newInputStream(file)) {
            OutputStream out = stream.out();
            local.transferTo(out);
            out.close();
            stream.in().transferTo(OutputStream.nullOutputStream()); // ends when cat has exited and the channel closed
        } catch (IOException e) {
            throw new SwarmlabException(host + ": cannot copy " + file + " to " + remotePath + ": " + e.getMessage(),
                    "check the host's free space (df -h) and run provision again", List.of(), e);
        }
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
