package dev.swarmlab.plan;

import java.util.Map;

/**
 * Where each rule of the model comes from: the section of concepts.md it tests, the Docker
 * documentation page (or source) that promises it, and the engine versions it was observed on.
 * Every expectation's reason ends with its citation, so the report, `show`, JUnit and the page
 * all say which rule decided a cell and on what authority.
 */
public final class Citations {
    /**
     * The model's version, recorded in every run: 1 the ordered case table over one network (before
     * issue 15); 2 the rules over the source container's networks, with the network options
     * modelled, isolation between every bridge and overlay, shared aliases, and UDP publishing; 3 a
     * default bridge judged with the options its host's daemon gave it (as deployed); 4 each cell judged for
     * the engine of its source's host, cells of hosts outside the engines the rules cover not judged; 5 direct routing to a
     * container from another host, judged for the engine of the container's host (28.0 blocks it); 6 the bridge's gateway
     * modes nat, nat-unprotected and routed from 28.0, ignored before 27.0.
     */
    public static final String MODEL_VERSION = "6";
    /**
     * The engines the rules were observed on: every lab of the catalog on hosts of each (make catalog SUITE=...);
     * a rule that holds on some of them only is split by engine and says so ({@link Engine}).
     */
    public static final String OBSERVED = "Engine 20.10.24, 26.1.5, 28.5.2";

    private static final String NETWORKING = "docs.docker.com/engine/network/";
    private static final String BRIDGE = "docs.docker.com/engine/network/drivers/bridge/";
    private static final String OVERLAY = "docs.docker.com/engine/network/drivers/overlay/";
    private static final String PUBLISHING = "docs.docker.com/engine/network/port-publishing/";
    private static final String SWARM = "docs.docker.com/engine/swarm/networking/";

    /** Per concept key (the section of concepts.md and the rule's short name), the page that promises it. */
    static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("1 egress", NETWORKING),
            Map.entry("1 internal", "docs.docker.com/reference/cli/docker/network/create/#internal"),
            Map.entry("1 masquerade", BRIDGE + "#options"),
            Map.entry("2", "docs.docker.com/reference/cli/docker/container/run/#add-host"),
            Map.entry("2 host", NETWORKING + "#gateway"),
            Map.entry("3 app", PUBLISHING),
            Map.entry("3 by address", BRIDGE),
            Map.entry("3 by name", BRIDGE + "#differences-between-user-defined-bridges-and-the-default-bridge"),
            Map.entry("3 icc", BRIDGE + "#options"),
            Map.entry("3 isolation", BRIDGE),
            Map.entry("3 link", "docs.docker.com/engine/network/links/"),
            Map.entry("4 bridge", BRIDGE),
            Map.entry("4 host", "docs.docker.com/engine/network/drivers/host/"),
            Map.entry("4 macvlan", "docs.docker.com/engine/network/drivers/macvlan/"),
            Map.entry("4 none", "docs.docker.com/engine/network/drivers/none/"),
            Map.entry("4 overlay", OVERLAY),
            Map.entry("5 -p", PUBLISHING),
            Map.entry("5 mesh", "docs.docker.com/engine/swarm/ingress/"),
            Map.entry("5 mode=host", "docs.docker.com/engine/swarm/ingress/#bypass-the-routing-mesh"),
            Map.entry("7", "docs.docker.com/reference/cli/docker/container/stop/"),
            Map.entry("9 dnsrr", SWARM + "#configure-service-discovery"),
            Map.entry("9 encrypted", OVERLAY + "#encrypt-traffic-on-an-overlay-network"),
            Map.entry("9 ip_vs", SWARM),
            Map.entry("9 mtu", OVERLAY),
            Map.entry("9 tasks", SWARM + "#configure-service-discovery"),
            Map.entry("9 vip", SWARM + "#configure-service-discovery"),
            Map.entry("10 direct", "docs.docker.com/engine/network/packet-filtering-firewalls/#direct-routing; docs.docker.com/engine/release-notes/28/#280"),
            Map.entry("10 gateway", PUBLISHING + "#gateway-modes; docs.docker.com/engine/release-notes/28/#280"));

    private Citations() {
    }

    /** " (concepts KEY; PAGE; seen on ENGINE)", in English: what ends a reason that the rule KEY gave. */
    public static String of(String concept) {
        return Reason.english("citation", concept, page(concept), OBSERVED);
    }

    /** The Docker page that promises concepts.md's KEY. */
    static String page(String concept) {
        String page = SOURCES.get(concept);
        if (page == null) {
            throw new IllegalArgumentException("no citation for concept " + concept + ": add the page that promises it to Citations.SOURCES");
        }
        return page;
    }
}
