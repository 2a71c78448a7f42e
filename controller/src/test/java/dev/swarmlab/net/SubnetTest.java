package dev.swarmlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmlab.SwarmlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {
    @Test
    void normalisesToTheNetworkAddress() {
        assertEquals("10.250.0.0/24", Subnet.parse("10.250.0.77/24").toString());
        assertEquals("192.0.2.7/32", Subnet.parse("192.0.2.7").toString());
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8,     10.250.0.0/24,  true",
            "10.250.0.0/24,  10.250.0.128/25, true",
            "10.250.0.0/24,  10.251.0.0/24,  false",
            "172.17.0.0/16,  172.18.0.0/16,  false",
            "0.0.0.0/0,      192.0.2.0/24,   true"})
    void overlapIsSymmetric(String a, String b, boolean overlap) {
        assertEquals(overlap, Subnet.parse(a).overlaps(Subnet.parse(b)));
        assertEquals(overlap, Subnet.parse(b).overlaps(Subnet.parse(a)));
    }

    @Test
    void containsAndAddresses() {
        Subnet subnet = Subnet.parse("10.250.0.0/24");
        assertTrue(subnet.contains(Ipv4.parse("10.250.0.255")));
        assertFalse(subnet.contains(Ipv4.parse("10.250.1.0")));
        assertEquals("10.250.0.11", Ipv4.format(subnet.address(11)));
        assertEquals(254, subnet.usableHosts());
        assertThrows(SwarmlabException.class, () -> subnet.address(256));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.250.0/24", "10.250.0.0/33", "10.250.0.256/24", "ten.0.0.0/8", "10.0.0.0/x", ""})
    void rejectsWhatIsNotASubnetSayingWhy(String text) {
        SwarmlabException error = assertThrows(SwarmlabException.class, () -> Subnet.parse(text));
        assertTrue(error.getMessage().contains("'" + text), error.getMessage());
    }
}
