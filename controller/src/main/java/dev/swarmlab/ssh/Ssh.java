package dev.swarmlab.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.inventory.InventoryHost;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens SSH sessions the one way swarmlab allows: key authentication only, and the host's key
 * checked strictly against the inventory's known_hosts file. An unknown key is refused with its
 * fingerprint unless the user opted in to trust on first use; a changed key is always refused.
 */
public final class Ssh {
    public static final Duration CONNECT_DEADLINE = Duration.ofSeconds(10);
    static final int KEEPALIVE_MILLIS = 10_000;
    static final int KEEPALIVE_MISSES = 3;

    /**
     * How to connect: the connect deadline, whether unknown host keys may be recorded (trust on
     * first use), and where to say that one was.
     */
    public record Options(Duration connectDeadline, boolean trustNewHostKeys, Consumer<String> notices) {
        public static final Options STRICT = new Options(CONNECT_DEADLINE, false, notice -> { });
    }

    private Ssh() {
    }

    public static SshSession connect(InventoryHost host) {
        return connect(host, Options.STRICT);
    }

    public static SshSession connect(InventoryHost host, Options options) {
        JschSession session = new JschSession(host, options);
        session.session();
        return session;
    }

    /** A connected jsch session for the host; translates every failure into a SwarmlabException. */
    static Session open(InventoryHost host, Options options) {
        JSch jsch = new JSch();
        HostKeys keys = null;
        try {
            jsch.addIdentity(host.identityFile().toString());
            HostKeys.ensureFile(host.knownHostsFile());
            jsch.setKnownHosts(host.knownHostsFile().toString());
            keys = new HostKeys(jsch, host.knownHostsFile(), options.trustNewHostKeys(), options.notices());
            jsch.setHostKeyRepository(keys);
            Session session = jsch.getSession(host.user(), host.address(), host.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setConfig("HashKnownHosts", "no");
            session.setServerAliveInterval(KEEPALIVE_MILLIS);
            session.setServerAliveCountMax(KEEPALIVE_MISSES);
            session.connect((int) options.connectDeadline().toMillis());
            return session;
        } catch (JSchException e) {
            throw translate(host, options, e, keys == null ? "" : keys.refusedFingerprint());
        }
    }

    private static SwarmlabException translate(InventoryHost host, Options options, JSchException e, String fingerprint) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String who = host.name() + " (" + host.target() + ")";
        if (message.startsWith("UnknownHostKey") || message.startsWith("reject HostKey")) {
            return new SwarmlabException("the host key of " + who + " is not in " + host.knownHostsFile() + ": refused"
                    + (fingerprint.isEmpty() ? "" : " (it offered " + fingerprint + ")") + "; to trust it, run again with --trust-new-host-keys",
                    "compare that fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it); "
                            + "if they match, run again with --trust-new-host-keys to record it", List.of(), e);
        }
        if (message.startsWith("HostKey has been changed")) {
            return new SwarmlabException("the host key of " + who + " has CHANGED since it was recorded in " + host.knownHostsFile()
                    + ": refused, as it would be for a man in the middle",
                    "if the host was really reinstalled, remove its old line from " + host.knownHostsFile()
                            + " yourself (swarmlab never overwrites a recorded key)", List.of(), e);
        }
        if (message.contains("Auth fail") || message.contains("USERAUTH fail")) {
            return new SwarmlabException("the key " + host.identityFile() + " was refused by " + who,
                    "add the matching public key to ~" + host.user() + "/.ssh/authorized_keys on the host", List.of(), e);
        }
        if (message.contains("timeout") || message.contains("timed out") || message.contains("No route")) {
            return new SwarmlabException("cannot reach " + who + " within " + options.connectDeadline().toSeconds() + " s: " + message,
                    "check that the host is up and that sshd listens on " + host.address() + ":" + host.port(), List.of(), e);
        }
        if (message.contains("Connection refused")) {
            return new SwarmlabException("nothing listens for SSH at " + who + ": " + message,
                    "start sshd on the host, or correct the address and port in the inventory", List.of(), e);
        }
        return new SwarmlabException("cannot connect to " + who + ": " + message, e);
    }
}
