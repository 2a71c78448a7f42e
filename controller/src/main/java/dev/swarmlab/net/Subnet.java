package dev.swarmlab.net;

import dev.swarmlab.SwarmlabException;

/** An IPv4 subnet in CIDR form, such as 10.250.0.0/24. */
public record Subnet(int network, int prefixLength) {
    public Subnet {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not within 0..32");
        }
        network = network & mask(prefixLength);
    }

    /** Parses "a.b.c.d/n"; a bare address is a /32. */
    public static Subnet parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        int length;
        try {
            length = slash < 0 ? 32 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new SwarmlabException("'" + text + "' is not a subnet: the prefix length must be a number (e.g. 10.250.0.0/24)");
        }
        if (length < 0 || length > 32) {
            throw new SwarmlabException("'" + text + "' is not a subnet: the prefix length must be within 0..32");
        }
        try {
            return new Subnet(Ipv4.parse(address), length);
        } catch (SwarmlabException e) {
            throw new SwarmlabException("'" + text + "' is not a subnet: " + e.getMessage());
        }
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public boolean contains(int address) {
        return (address & mask(prefixLength)) == network;
    }

    public boolean overlaps(Subnet other) {
        int shorter = Math.min(prefixLength, other.prefixLength);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    /** Number of usable host addresses (without network and broadcast for prefixes up to /30). */
    public long usableHosts() {
        long size = 1L << (32 - prefixLength);
        return prefixLength >= 31 ? size : size - 2;
    }

    /** The address at this offset from the network address; fails past the subnet's end. */
    public int address(long offset) {
        if (offset < 0 || offset >= (1L << (32 - prefixLength))) {
            throw new SwarmlabException("subnet " + this + " has no address at offset " + offset);
        }
        return network + (int) offset;
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefixLength;
    }
}
