package dev.swarmlab.lab;

import dev.swarmlab.inventory.InventoryHost;
import java.nio.file.Path;
import java.util.List;

/** Where a lab's hosts come from: emulated hosts, an inventory file, or a list in the lab itself. */
public sealed interface LabHosts {
    /** `hosts: local:N`: the emulated hosts h1..hN of this machine. */
    record Local(int count) implements LabHosts {
    }

    /** `hosts: {inventory: FILE}`: an inventory file, relative to the lab file. */
    record FromInventory(Path file) implements LabHosts {
    }

    /** `hosts: [{name, address, ...}]`: the inventory written into the lab. */
    record Inline(List<InventoryHost> hosts) implements LabHosts {
        public Inline {
            hosts = List.copyOf(hosts);
        }
    }
}
