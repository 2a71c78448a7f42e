package dev.swarmlab.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.inventory.InventoryHost;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Opens SSH sessions the one way swarmlab allows: key authentication only, and the host's key
 * checked strictly against the inventory's known_hosts file (an unknown or changed key is refused).
 */
public final class Ssh {
    public static final Duration CONNECT_DEADLINE = Duration.ofSeconds(10);
    private static final int KEEPALIVE_MILLIS = 15_000;
    private static final int KEEPALIVE_MISSES = 3;

    private Ssh() {
    }

    public static SshSession connect(InventoryHost host) {
        return connect(host, CONNECT_DEADLINE);
    }

    public static SshSession connect(InventoryHost host, Duration connectDeadline) {
        JSch jsch = new JSch();
        try {
            jsch.addIdentity(host.identityFile().toString());
            if (Files.exists(host.knownHostsFile())) {
                jsch.setKnownHosts(host.knownHostsFile().toString());
            }
            Session session = jsch.getSession(host.user(), host.address(), host.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setConfig("HashKnownHosts", "no");
            session.setServerAliveInterval(KEEPALIVE_MILLIS);
            session.setServerAliveCountMax(KEEPALIVE_MISSES);
            session.connect((int) connectDeadline.toMillis());
            return new JschSession(host, session);
        } catch (JSchException e) {
            throw translate(host, jsch, e);
        }
    }

    private static SwarmlabException translate(InventoryHost host, JSch jsch, JSchException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String who = host.name() + " (" + host.target() + ")";
        if (message.startsWith("UnknownHostKey") || message.startsWith("reject HostKey")) {
            return new SwarmlabException("the host key of " + who + " is not in " + host.knownHostsFile() + ": refused (" + message + ")",
                    "check the fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and add its key to "
                            + host.knownHostsFile(), List.of(), e);
        }
        if (message.startsWith("HostKey has been changed")) {
            return new SwarmlabException("the host key of " + who + " has CHANGED since it was recorded in " + host.knownHostsFile()
                    + ": refused; this is what a man-in-the-middle looks like",
                    "if the host was really reinstalled, remove its old line from " + host.knownHostsFile() + " yourself", List.of(), e);
        }
        if (message.contains("Auth fail") || message.contains("USERAUTH fail")) {
            return new SwarmlabException("the key " + host.identityFile() + " was refused by " + who,
                    "add the matching public key to ~" + host.user() + "/.ssh/authorized_keys on the host", List.of(), e);
        }
        if (message.contains("timeout") || message.contains("timed out")) {
            return new SwarmlabException("cannot reach " + who + " within " + CONNECT_DEADLINE.toSeconds() + " s: " + message,
                    "check that the host is up and that sshd listens on " + host.address() + ":" + host.port(), List.of(), e);
        }
        return new SwarmlabException("cannot connect to " + who + ": " + message, e);
    }
}
