package dev.swarmlab.lab;

import dev.swarmlab.inventory.InventoryHost;
import java.nio.file.Path;
import java.util.List;

/** Where a lab's hosts come from: emulated hosts, an inventory file, or a list in the lab itself. */
public sealed interface LabHosts {
    /** As a lab file writes it: local:N, the inventory's file name, or how many hosts are listed. */
    default String label() {
        if (this instanceof Local local) {
            return "local:" + local.count();
        }
        return this instanceof FromInventory from ? from.file().getFileName().toString() : ((Inline) this).hosts().size() + " listed";
    }

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
