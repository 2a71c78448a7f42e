package dev.swarmlab.inventory;

import dev.swarmlab.SwarmlabException;
import java.nio.file.Path;
import java.util.List;

/** The hosts a lab runs on, read from an inventory file. */
public record Inventory(Path source, List<InventoryHost> hosts) {
    public Inventory {
        hosts = List.copyOf(hosts);
    }

    public InventoryHost host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new SwarmlabException("inventory " + source + " has no host '" + name + "'; it has "
                        + hosts.stream().map(InventoryHost::name).toList()));
    }
}
