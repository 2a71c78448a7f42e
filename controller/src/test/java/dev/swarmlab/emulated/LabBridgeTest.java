package dev.swarmlab.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swarmlab.net.Subnet;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.CommandResult;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LabBridgeTest {
    private final HostSet set = new HostSet(Path.of("/nonexistent"), "zz");
    private final Underlay underlay = new Underlay(Subnet.parse("10.250.0.0/24"));

    @Test
    void theForwardRuleIsInsertedOnlyWhenItIsMissing() {
        FakeCommands missing = new FakeCommands().answer("iptables -w 5 -C", 1, "");
        new LabBridge(set, missing).ensure(underlay);
        assertEquals(1, missing.count("iptables -w 5 -I FORWARD -i zz-br -o zz-br -m comment --comment swarmlab:zz -j ACCEPT"));

        FakeCommands present = new FakeCommands().answer("iptables -w 5 -C", 0, "");
        new LabBridge(set, present).ensure(underlay);
        assertEquals(0, present.count("iptables -w 5 -I"));
    }

    @Test
    void theGatewayAddressIsAddedOnce() {
        FakeCommands fresh = new FakeCommands().answer("ip -4 -o addr show", 0, "");
        new LabBridge(set, fresh).ensure(underlay);
        assertEquals(1, fresh.count("ip addr add 10.250.0.1/24 dev zz-br"));

        FakeCommands again = new FakeCommands().answer("ip -4 -o addr show", 0, "7: zz-br    inet 10.250.0.1/24 scope global zz-br\n");
        new LabBridge(set, again).ensure(underlay);
        assertEquals(0, again.count("ip addr add"));
    }

    @Test
    void removeDeletesEveryCopyOfTheRule() {
        AtomicInteger copies = new AtomicInteger(2);
        FakeCommands commands = new FakeCommands()
                .answer("iptables -w 5 -C", line -> result(line, copies.get() > 0 ? 0 : 1))
                .answer("iptables -w 5 -D", line -> {
                    copies.decrementAndGet();
                    return result(line, 0);
                });
        new LabBridge(set, commands).remove();
        assertEquals(0, copies.get());
        assertEquals(2, commands.count("iptables -w 5 -D FORWARD -i zz-br -o zz-br"));
    }

    private static CommandResult result(String line, int exit) {
        return new CommandResult(Command.of(line.split(" ")), exit, "", "");
    }
}
