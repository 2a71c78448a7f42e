package dev.swarmlab.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.UserInfo;
import dev.swarmlab.SwarmlabException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The known_hosts check, with trust on first use only when asked: an unknown key is then
 * appended to the inventory's known_hosts file (and said so); a changed key is never accepted
 * and never overwritten.
 */
final class HostKeys implements HostKeyRepository {
    private final HostKeyRepository known;
    private final Path file;
    private final boolean trustNew;
    private final Consumer<String> notices;
    private final JSch jsch;

    HostKeys(JSch jsch, Path file, boolean trustNew, Consumer<String> notices) {
        this.jsch = jsch;
        this.known = jsch.getHostKeyRepository();
        this.file = file;
        this.trustNew = trustNew;
        this.notices = notices;
    }

    private volatile String refusedFingerprint = "";

    /** The fingerprint of the last key refused for not being known, for the error message. */
    String refusedFingerprint() {
        return refusedFingerprint;
    }

    @Override
    public int check(String host, byte[] key) {
        int verdict = known.check(host, key);
        if (verdict == NOT_INCLUDED && !trustNew) {
            try {
                HostKey seen = new HostKey(host, key);
                refusedFingerprint = seen.getType() + " " + seen.getFingerPrint(jsch);
            } catch (Exception e) {
                refusedFingerprint = "";
            }
        }
        if (verdict != NOT_INCLUDED || !trustNew) {
            return verdict;
        }
        try {
            HostKey hostKey = new HostKey(host, key);
            // Appended under one lock: jsch's own add rewrites the whole file, and hosts connect in parallel.
            synchronized (HostKeys.class) {
                Files.writeString(file, host + " " + hostKey.getType() + " " + hostKey.getKey() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            notices.accept("trusted on first use: recorded the " + hostKey.getType() + " key of " + host + " ("
                    + hostKey.getFingerPrint(jsch) + ") in " + file);
            return OK;
        } catch (Exception e) {
            throw new SwarmlabException("cannot record the host key of " + host + " in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        known.add(hostkey, ui);
    }

    @Override
    public void remove(String host, String type) {
        known.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        known.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }

    static synchronized void ensureFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // made by another connection at the same moment
        } catch (IOException e) {
            throw new SwarmlabException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }
}
