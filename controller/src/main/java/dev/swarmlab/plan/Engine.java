package dev.swarmlab.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker engine as the judge tells engines apart: its major and minor version ("28.5" of
 * "28.5.2+dfsg4"), and the version as the host reported it. The rules hold within {@link #judged()}:
 * the span whose changes concepts.md section 10 lists and the catalog was run on (20.10.24, 26.1.5 and
 * 28.5.2); a cell involving a host outside it is not judged.
 */
public record Engine(int major, int minor, String reported) implements Comparable<Engine> {
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");
    /** The engine a cell is judged for where no host's engine is known (a plan made without hosts). */
    public static final Engine BASELINE = new Engine(20, 10, "20.10.24");
    /** Since 25.0 a container on an --internal network gets no default route (moby c761353, 25.0.4: only the bridge's own address). */
    public static final Engine INTERNAL_NO_ROUTE = new Engine(25, 0, "25.0");
    /** Since 28.0 what arrives for a container's address on any interface but its bridge is dropped (moby#48724, raw PREROUTING). */
    public static final Engine DIRECT_BLOCKED = new Engine(28, 0, "28.0");
    /** Docker 27.0 brought the bridge's gateway modes (moby#47871); before, it ignores the option (seen on 20.10.24 and 26.1.5). */
    public static final Engine GATEWAY_MODES = new Engine(27, 0, "27.0");
    /** The gateway modes as the rules know them: 28.0's four (moby#48597, #49262), seen on 28.5.2; 27.x is not observed. */
    public static final Engine GATEWAY_MODES_SEEN = DIRECT_BLOCKED;
    private static final Engine OLDEST = BASELINE;
    /** The first engine past the span: 29.0 removed the isolation chains and brought the nftables backend, not yet observed. */
    private static final Engine PAST = new Engine(29, 0, "29.0");

    /** The engine of a version as Docker reports it, or empty for a version that is not one ("", "unknown"). */
    public static Optional<Engine> parse(String version) {
        Matcher m = VERSION.matcher(version.trim());
        return m.find() ? Optional.of(new Engine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), version.trim()))
                : Optional.empty();
    }

    /** Whether the judge's rules cover this engine: 20.10 up to, not including, 29.0. */
    public boolean judged() {
        return compareTo(OLDEST) >= 0 && compareTo(PAST) < 0;
    }

    public boolean atLeast(Engine other) {
        return compareTo(other) >= 0;
    }

    /** The span the rules cover, in words. */
    public static String span() {
        return OLDEST.major + "." + OLDEST.minor + " to " + (PAST.major - 1) + ".x";
    }

    @Override
    public int compareTo(Engine o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }
}
