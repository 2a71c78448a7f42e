package dev.swarmlab.provision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FirewallCheckTest {
    @Test
    void anNftablesInputChainThatDropsByDefaultIsFound() {
        assertTrue(FirewallCheck.dropsInput("table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}"));
        assertFalse(FirewallCheck.dropsInput("table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}"));
        assertFalse(FirewallCheck.dropsInput("table ip nat {\n\tchain POSTROUTING {\n\t\ttype nat hook postrouting priority srcnat; policy drop;\n\t}\n}"));
    }

    @Test
    void aFindingThatAsksToOpenPortsIsTold() {
        assertTrue(FirewallCheck.blocks("ufw: active, 2377/tcp not allowed: open them with ufw allow 2377/tcp"));
        assertFalse(FirewallCheck.blocks("open: no active ufw or firewalld, no nftables input chain that drops by default"));
    }
}
