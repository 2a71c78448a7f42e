package dev.swarmlab.net;

import dev.swarmlab.SwarmlabException;

/** Dotted-quad IPv4 addresses as ints. */
public final class Ipv4 {
    private Ipv4() {
    }

    public static int parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new SwarmlabException("'" + text + "' is not an IPv4 address (expected four numbers such as 10.250.0.11)");
        }
        int value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255 || part.length() > 3) {
                throw new SwarmlabException("'" + text + "' is not an IPv4 address: '" + part + "' is not a number within 0..255");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }
}
