package dev.swarmlab.web;

import java.util.regex.Pattern;

/** The names a request may carry, each checked against its format before any lookup: anything else is 400. */
final class Ids {
    /** A run id (20261203-101500-1a2b, or "latest"). */
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** A lab's name, as lab files allow it. */
    private static final Pattern LAB = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");
    /** A cell id: network/source/route/probe/target, with a round prefix; visible ASCII only. */
    private static final Pattern CELL = Pattern.compile("[\\x21-\\x7e]{1,400}");

    private Ids() {
    }

    static String run(String id) {
        return checked(id, RUN, "run id", "run ids look like 20261203-101500-1a2b (or latest); GET /api/runs lists them");
    }

    static String lab(String name) {
        return checked(name, LAB, "lab name", "lab names are lower-case letters, digits, '.', '_' and '-'; GET /api/labs lists them");
    }

    static String cell(String id) {
        return checked(id, CELL, "cell id", "take cell ids from the run's cells (GET /api/runs/RUN)");
    }

    private static String checked(String value, Pattern format, String what, String remedy) {
        if (value == null || !format.matcher(value).matches()) {
            throw new RequestRefused(400, "'" + HostCheck.printable(String.valueOf(value)) + "' is not a " + what, remedy);
        }
        return value;
    }
}
