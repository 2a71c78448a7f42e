package dev.swarmlab.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.swarmlab.Deadline;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.inventory.InventoryHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link SshSession} on a jsch session; exec channels share the one connection. */
final class JschSession implements SshSession {
    private final InventoryHost host;
    private final Session session;

    JschSession(InventoryHost host, Session session) {
        this.host = host;
        this.session = session;
    }

    @Override
    public ExecResult exec(String command, Duration deadline) {
        ChannelExec channel;
        try {
            channel = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw new SwarmlabException("cannot open an exec channel to " + target() + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            channel.setCommand(command);
            channel.setInputStream(null);
            channel.setOutputStream(out);
            channel.setErrStream(err);
            channel.connect((int) Math.max(1, deadline.toMillis()));
            Deadline.in(deadline, "`" + command + "` on " + target() + " to finish")
                    .await(() -> channel.isClosed() ? Boolean.TRUE : null, Duration.ofMillis(20));
            return new ExecResult(target(), command, channel.getExitStatus(),
                    out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (JSchException e) {
            throw new SwarmlabException("cannot run `" + command + "` on " + target() + ": " + e.getMessage(), e);
        } finally {
            channel.disconnect();
        }
    }

    @Override
    public String target() {
        return host.name() + " (" + host.target() + ")";
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
