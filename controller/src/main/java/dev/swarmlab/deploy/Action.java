package dev.swarmlab.deploy;

import dev.swarmlab.lab.Network;

/** One change a deploy makes on one host, in the words the plan prints. */
public sealed interface Action {
    String host();

    String describe();

    record InitSwarm(String host, String address) implements Action {
        public String describe() {
            return "init the swarm (advertise and data path " + address + ")";
        }
    }

    record JoinSwarm(String host, String address, boolean manager, String via) implements Action {
        public String describe() {
            return "join the swarm as " + (manager ? "manager" : "worker") + " through " + via + " (advertise and data path " + address + ")";
        }
    }

    record CreateNetwork(String host, Network network, String spec) implements Action {
        public String describe() {
            return "create " + network.driver().id() + " network " + network.name()
                    + network.subnet().map(s -> " " + s).orElse("") + (network.swarmScope() ? " (swarm-wide)" : "");
        }
    }

    record RemoveNetwork(String host, String name, String why) implements Action {
        public String describe() {
            return "remove network " + name + " (" + why + ")";
        }
    }
}
