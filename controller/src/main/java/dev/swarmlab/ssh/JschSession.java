package dev.swarmlab.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelDirectStreamLocal;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.inventory.InventoryHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** {@link SshSession} on one jsch session per host; channels share it, and a dropped session is reopened once. */
final class JschSession implements SshSession {
    private static final int OPEN_CONNECT_FAILED = 2;
    private final InventoryHost host;
    private final Ssh.Options options;
    private Session session;
    private boolean closed;

    JschSession(InventoryHost host, Ssh.Options options) {
        this.host = host;
        this.options = options;
    }

    synchronized Session session() {
        if (closed) {
            throw new SwarmlabException("the SSH session to " + target() + " is closed");
        }
        if (session == null || !session.isConnected()) {
            session = Ssh.open(host, options);
        }
        return session;
    }

    private <C extends Channel> C channel(String type, Class<C> kind) {
        try {
            return kind.cast(session().openChannel(type));
        } catch (JSchException e) {
            // A session that died between the check and the open: reopen it once.
            synchronized (this) {
                session = null;
            }
            try {
                return kind.cast(session().openChannel(type));
            } catch (JSchException again) {
                throw new SwarmlabException("cannot open a " + type + " channel to " + target() + ": " + again.getMessage(), again);
            }
        }
    }

    @Override
    public ExecResult exec(String command, Duration deadline) {
        ChannelExec channel = channel("exec", ChannelExec.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            channel.setCommand(command);
            channel.setInputStream(null);
            channel.setOutputStream(out);
            channel.setErrStream(err);
            channel.connect((int) Math.max(1, deadline.toMillis()));
            Deadline.in(deadline, "`" + command + "` on " + target() + " to finish")
                    .await(() -> channel.isClosed() ? Boolean.TRUE : null, Duration.ofMillis(10));
            return new ExecResult(target(), command, channel.getExitStatus(),
                    out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (JSchException e) {
            throw new SwarmlabException("cannot run `" + command + "` on " + target() + ": " + e.getMessage(), e);
        } finally {
            channel.disconnect();
        }
    }

    @Override
    public SshStream openUnixSocket(String path, Duration deadline) {
        ChannelDirectStreamLocal channel = channel("direct-streamlocal@openssh.com", ChannelDirectStreamLocal.class);
        channel.setSocketPath(path);
        return connected(channel, deadline, "unix socket " + path);
    }

    @Override
    public SshStream openCommand(String command, Duration deadline) {
        ChannelExec channel = channel("exec", ChannelExec.class);
        channel.setCommand(command);
        return connected(channel, deadline, "`" + command + "`");
    }

    private SshStream connected(Channel channel, Duration deadline, String what) {
        try {
            InputStream in = channel.getInputStream();
            OutputStream out = channel.getOutputStream();
            channel.connect((int) Math.max(1, deadline.toMillis()));
            return new SshStream() {
                @Override
                public InputStream in() {
                    return in;
                }

                @Override
                public OutputStream out() {
                    return out;
                }

                @Override
                public void close() {
                    channel.disconnect();
                }
            };
        } catch (JSchException | IOException e) {
            channel.disconnect();
            throw new SwarmlabException("cannot open " + what + " on " + target() + " through SSH: " + e.getMessage(), e);
        }
    }

    @Override
    public TcpReach reach(String address, int port, Duration deadline) {
        ChannelDirectTCPIP channel = channel("direct-tcpip", ChannelDirectTCPIP.class);
        channel.setHost(address);
        channel.setPort(port);
        long start = System.nanoTime();
        try {
            channel.connect((int) Math.max(1, deadline.toMillis()));
            return TcpReach.OPEN;
        } catch (JSchException e) {
            // jsch keeps the open-failure reason code, not sshd's text: 1 = forwarding prohibited,
            // 2 = connect failed. A connect failure well before the deadline means the peer answered (RST).
            boolean quick = System.nanoTime() - start < deadline.toNanos() / 2;
            int reason = channel.getExitStatus();
            if (reason == OPEN_CONNECT_FAILED) {
                return quick ? TcpReach.REFUSED : TcpReach.TIMEOUT;
            }
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("timeout") || message.contains("timed out") ? TcpReach.TIMEOUT : TcpReach.FAILED;
        } finally {
            channel.disconnect();
        }
    }

    @Override
    public String target() {
        return host.name() + " (" + host.target() + ")";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.disconnect();
        }
    }
}
