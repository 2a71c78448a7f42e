package dev.swarmlab.plan;

import dev.swarmlab.lab.Expectation.Outcome;
import dev.swarmlab.lab.Network;
import dev.swarmlab.lab.Network.Driver;
import java.util.List;
import java.util.function.Predicate;

/**
 * What Docker's drivers promise, as an ordered table: the first rule that fits a situation gives
 * the expected outcome and its reason. Each rule cites the section of concepts.md it comes from.
 */
public final class DriverRules {
    /** A cell's circumstances: the source's network, the target's, the route, and the hosts' kernels. */
    public record Situation(Network source, Network target, Route route, boolean sameHost, boolean espMissing) {
    }

    public record Rule(String concept, Predicate<Situation> applies, Outcome outcome, String reason) {
    }

    public static final List<Rule> RULES = List.of(
            rule("4 none", s -> s.source().driver() == Driver.NONE, Outcome.BLOCKED,
                    "network none: the container has only loopback, nothing goes in or out"),
            rule("1 internal", s -> s.route() == Route.HOST && s.source().internal(), Outcome.BLOCKED,
                    "an --internal network has no route out of it, not even to its host"),
            rule("4 host", s -> s.route() == Route.HOST && s.source().driver() == Driver.HOST, Outcome.REACHABLE,
                    "host mode shares the host's network stack: the host's address is its own"),
            rule("2 host", s -> s.route() == Route.HOST, Outcome.REACHABLE,
                    "a container reaches its own host's address through its network's gateway"),
            rule("5 -p", s -> s.route() == Route.PUBLISHED, Outcome.REACHABLE,
                    "-p HOST:CONTAINER adds a DNAT rule: the port answers at the host's address"),
            rule("3 isolation", s -> s.route() == Route.ISOLATION, Outcome.BLOCKED,
                    "containers on two different networks cannot reach each other: Docker isolates networks"),
            rule("4 host", s -> s.source().driver() == Driver.HOST && s.route() == Route.NAME, Outcome.BLOCKED,
                    "host-mode containers have no name in Docker's DNS: they use the host's resolver"),
            rule("4 host", s -> s.source().driver() == Driver.HOST, Outcome.REACHABLE,
                    "host mode: the container answers at its host's address, with no -p needed"),
            rule("9 encrypted", s -> s.source().driver() == Driver.OVERLAY && s.source().encrypted() && !s.sameHost() && s.espMissing(),
                    Outcome.BLOCKED, "the kernel lacks ESP (CONFIG_INET_ESP): an encrypted overlay carries nothing between hosts"),
            rule("4 overlay", s -> s.source().driver() == Driver.OVERLAY && s.route() == Route.NAME, Outcome.REACHABLE,
                    "an overlay spans hosts, and its embedded DNS resolves every container on it by name"),
            rule("4 overlay", s -> s.source().driver() == Driver.OVERLAY, Outcome.REACHABLE,
                    "an overlay spans hosts: VXLAN carries the traffic between them"),
            rule("4 macvlan", s -> s.source().driver() == Driver.MACVLAN && s.route() == Route.NAME && !s.sameHost(), Outcome.BLOCKED,
                    "a macvlan network is local to its host: another host's container names are not in this host's DNS"),
            rule("4 macvlan", s -> s.source().driver() == Driver.MACVLAN, Outcome.REACHABLE,
                    "macvlan containers have addresses on the hosts' own segment"),
            rule("3 by name", s -> s.source().defaultBridge() && s.route() == Route.NAME, Outcome.BLOCKED,
                    "the default bridge has no embedded DNS: container names do not resolve on it"),
            rule("4 bridge", s -> s.route() == Route.NAME && !s.sameHost(), Outcome.BLOCKED,
                    "a bridge network is local to its host: another host's container names do not resolve here"),
            rule("4 bridge", s -> !s.sameHost(), Outcome.BLOCKED,
                    "a bridge network is local to its host: the address is another host's, or reused on this host's own bridge"),
            rule("3 by name", s -> s.route() == Route.NAME, Outcome.REACHABLE,
                    "containers on one user-defined network resolve each other by name (embedded DNS at 127.0.0.11)"),
            rule("3 by address", s -> true, Outcome.REACHABLE,
                    "containers on one network reach each other by address, on every port, with no -p"));

    private DriverRules() {
    }

    private static Rule rule(String concept, Predicate<Situation> applies, Outcome outcome, String reason) {
        return new Rule(concept, applies, outcome, reason);
    }

    public static Expected expect(Situation situation) {
        Rule rule = RULES.stream().filter(r -> r.applies().test(situation)).findFirst().orElseThrow();
        boolean preflight = rule.concept().equals("9 encrypted");
        return new Expected(rule.outcome(), rule.reason() + " (concepts " + rule.concept() + ")",
                preflight ? Expected.Source.PREFLIGHT : Expected.Source.RULE);
    }
}
