package dev.swarmlab.emulated;

import dev.swarmlab.BusyException;
import dev.swarmlab.Locks;
import dev.swarmlab.system.Command;
import dev.swarmlab.system.CommandResult;
import dev.swarmlab.system.Commands;
import java.time.Duration;
import java.util.List;

/**
 * What `hosts up` puts right on a running emulated host, so that the next lab starts clean: endpoints
 * whose container is gone (on docker_gwbridge, where Docker's ingress sandbox counts once the host
 * is in no swarm, and on the default bridge), a docker_gwbridge that outlived its swarm, and iptables
 * chains named SWARMLAB-* (a lab's cut). Nothing with a live container behind it is touched, and
 * chains stay while a run's steps hold the host.
 */
final class HostRepair {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** A lab step's chains, as swarmlab names them (deploy's Leftovers looks for the same prefix). */
    static final String CHAIN_PREFIX = "SWARMLAB-";

    private final HostSet set;
    private final Commands commands;

    HostRepair(HostSet set, Commands commands) {
        this.set = set;
        this.commands = commands;
    }

    /** Repairs the host; returns what it removed, one line each (empty: it was clean). */
    List<String> repair(String host, String address) {
        StringBuilder script = new StringBuilder(dockerScript(set.paths(host).dockerSocket().toString()));
        try (Locks.All held = Locks.hosts(List.of(address), "swarmlab hosts up: repair " + host)) {
            script.append("\n").append(chainScript(set.netns(host)));
            return run(script.toString());
        } catch (BusyException e) {
            return run(script.toString()); // a run's steps change this host now: its chains are theirs
        }
    }

    private List<String> run(String script) {
        CommandResult result = commands.run(Command.of("sh", "-c", script).within(DEADLINE));
        return result.stdout().lines().filter(l -> l.startsWith("removed ")).toList();
    }

    static String dockerScript(String socket) {
        return String.join("\n",
                "export DOCKER_HOST=unix://" + socket,
                "state=$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null) || exit 0",
                "ids=\" $(docker ps -aq --no-trunc | tr '\\n' ' ') \"",
                "for net in docker_gwbridge bridge; do",
                "  docker network inspect $net --format '{{range $k, $v := .Containers}}{{$k}} {{$v.Name}}{{println}}{{end}}' 2>/dev/null |",
                "  while read -r owner name; do",
                "    [ -n \"$owner\" ] || continue",
                "    case \"$ids\" in *\" $owner \"*) continue ;; esac",
                "    [ \"$state\" = active ] && case \"$owner\" in ingress-sbox|lb-*) continue ;; esac",
                "    docker network disconnect -f $net \"$name\" >/dev/null 2>&1 && echo \"removed endpoint $name on $net, of $owner, which is gone\"",
                "  done",
                "done",
                "if [ \"$state\" = inactive ] && docker network inspect docker_gwbridge >/dev/null 2>&1; then",
                "  docker network rm docker_gwbridge >/dev/null 2>&1 && echo 'removed network docker_gwbridge, which outlived its swarm'",
                "fi");
    }

    static String chainScript(String netns) {
        return "nsenter --net=/var/run/netns/" + netns + " sh -c 'for c in $(iptables -w -S 2>/dev/null | sed -n \"s/^-N \\(" + CHAIN_PREFIX
                + "[^ ]*\\)$/\\1/p\"); do for j in INPUT OUTPUT FORWARD; do while iptables -w -D $j -j $c 2>/dev/null; do :; done; done;"
                + " iptables -w -F $c && iptables -w -X $c && echo \"removed iptables chain $c\"; done'";
    }
}
