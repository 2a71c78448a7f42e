package dev.swarmlab.ssh;

import java.io.InputStream;
import java.io.OutputStream;

/** A byte stream carried by one SSH channel (a forwarded socket or a command's stdin/stdout). */
public interface SshStream extends AutoCloseable {
    InputStream in();

    OutputStream out();

    @Override
    void close();
}
