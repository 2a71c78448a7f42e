package dev.swarmlab.provision;

import dev.swarmlab.SwarmlabException;

/** What starts and enables dockerd on a host: systemd, or on an emulated host the kit's own manager (it has no systemd). */
enum ServiceManager {
    SYSTEMD("systemctl"), KIT("/usr/local/sbin/swarmlab-service");

    private final String program;

    ServiceManager(String program) {
        this.program = program;
    }

    static ServiceManager of(Remote remote) {
        String found = remote.run("if [ -d /run/systemd/system ]; then echo systemd; elif [ -x " + KIT.program + " ]; then echo kit; fi", Remote.SHORT)
                .stdout().strip();
        return switch (found) {
            case "systemd" -> SYSTEMD;
            case "kit" -> KIT;
            default -> throw new SwarmlabException(remote.host() + ": has no service manager provisioning can start dockerd with (systemd is not running)",
                    "boot the host with systemd, or start dockerd yourself and leave it out of provision");
        };
    }

    /** The shell command for a verb (enable, start, restart, is-active...) on the docker service. */
    String command(String verb) {
        return program + " " + verb + " docker" + (this == SYSTEMD && verb.startsWith("is-") ? " --quiet" : "");
    }

    String label() {
        return this == SYSTEMD ? "systemd" : "the emulated kit's manager";
    }
}
