package dev.swarmlab.emulated;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.Progress;
import dev.swarmlab.system.Commands;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The root filesystem each emulated host runs on: this machine's own, or a Debian suite's tree. */
final class HostRoots {
    private final HostSet set;
    private final Commands commands;
    private final Progress progress;

    HostRoots(HostSet set, Commands commands, Progress progress) {
        this.set = set;
        this.commands = commands;
        this.progress = progress;
    }

    /** A host that runs already keeps its root: asking another suite for it is refused rather than throwing its Docker state away. */
    static void requireKept(List<HostStatus> hosts, SuiteChoice suites) {
        for (HostStatus host : hosts) {
            if (host.state() == HostState.ORPHAN || !suites.names(host.name())) {
                continue;
            }
            String asked = suites.forHost(host.name()).map(Suite::id).orElse("");
            if (!asked.equals(host.suite())) {
                throw new SwarmlabException(host.name() + " runs on " + rootName(host.suite()) + ", not on " + rootName(asked),
                        "run `swarmlab hosts down` first to change a host's suite, or leave --suite out to keep the hosts as they are");
            }
        }
    }

    /** "Debian sid", or this machine's own root. */
    static String rootName(String suite) {
        return suite.isEmpty() ? "this machine's own root" : "Debian " + suite;
    }

    /**
     * The root each host to launch gets: a restarted host its recorded tree, a new one the suite
     * asked for (built now if it is not cached, before anything of the set is made).
     */
    Map<String, Optional<SuiteTree>> forLaunch(List<String> toStart, List<String> toRepair, SuiteChoice suites) {
        SuiteTrees cache = SuiteTrees.standard(commands, progress);
        Map<String, Optional<SuiteTree>> trees = new LinkedHashMap<>();
        for (String host : toRepair) {
            HostPaths paths = set.paths(host);
            Optional<SuiteTree> tree = HostInspector.tree(paths);
            if (Files.exists(paths.treeFile()) && tree.isEmpty()) {
                throw new SwarmlabException(host + ": the suite tree its root was made of is gone (" + paths.treeFile() + ")",
                        "run `swarmlab hosts down`, then `swarmlab hosts up --suite ...` builds it again");
            }
            trees.put(host, tree);
        }
        for (String host : toStart) {
            trees.put(host, suites.forHost(host).map(cache::ensure));
        }
        return trees;
    }

    /** What this machine's own `iptables --version` says ("iptables v1.8.9 (nf_tables)"), for hosts on its root. */
    static String machineIptables(Commands commands) {
        return Tools.locate("iptables").map(path -> commands.run(path.toString(), "--version").stdout().strip()).orElse("");
    }
}
