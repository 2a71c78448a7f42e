package dev.swarmlab.agent.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * `agent probe`'s quick path: hands stdin (up to an empty line or its end) to the serving agent's
 * {@link BatchServer} and copies the results to stdout as they come. Loads almost nothing, so the
 * exec costs little more than the JVM's own start.
 */
public final class BatchRelay {
    private BatchRelay() {
    }

    /** False when no agent serves in this container (then the caller probes by itself). */
    public static boolean relay(Path socket, InputStream stdin, OutputStream stdout) throws IOException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
        try (channel) {
            channel.write(ByteBuffer.wrap(batch(stdin)));
            InputStream results = Channels.newInputStream(channel);
            byte[] buffer = new byte[8192];
            for (int n = results.read(buffer); n >= 0; n = results.read(buffer)) {
                stdout.write(buffer, 0, n);
                stdout.flush();
            }
        }
        return true;
    }

    /** The batch's bytes through its ending empty line (added if stdin just ended). */
    private static byte[] batch(InputStream stdin) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        int previous = '\n';
        for (int b = stdin.read(); b >= 0; b = stdin.read()) {
            batch.write(b);
            if (b == '\n' && previous == '\n' && batch.size() > 1) {
                return batch.toByteArray();
            }
            previous = b;
        }
        batch.write('\n');
        batch.write('\n');
        return batch.toByteArray();
    }
}
