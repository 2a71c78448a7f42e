package dev.swarmlab.inventory;

import java.nio.file.Path;

/** One Docker host as the controller reaches it: over SSH, with a key, checked against known_hosts. */
public record InventoryHost(String name, String address, int port, String user, Path identityFile, Path knownHostsFile) {
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_USER = "root";

    /** user@address:port, for messages. */
    public String target() {
        return user + "@" + address + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
