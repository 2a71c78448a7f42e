package dev.swarmlab.emulated;

import java.util.List;

/**
 * What a suite host has in place of systemd: one script that starts its dockerd (its cgroup, its
 * environment, the kit's flags), and a service manager for that one service, `swarmlab-service
 * enable|disable|start|stop|restart|is-enabled|is-active docker`, that `swarmlab provision` drives as it
 * drives systemctl on a real machine. A policy-rc.d keeps packages from starting daemons themselves,
 * as in any chroot: the kit starts dockerd, the way the kit starts it.
 */
final class HostKit {
    /** Inside the host, in its own layer: present once the engine is enabled, so a restarted host starts its dockerd again. */
    static final String ENABLED = "/var/lib/swarmlab-kit/docker.enabled";
    static final String SERVICE = "/usr/local/sbin/swarmlab-service";
    private static final int START_TENTHS = 300;

    private HostKit() {
    }

    /** The daemon's own script: joins the daemon cgroup and becomes dockerd. */
    static String dockerdScript(String host, String cgroupProcs, String cgroupParent) {
        return String.join("\n",
                "#!/bin/sh",
                "# dockerd of emulated host " + host + ": run by its start script and by " + SERVICE + ".",
                "echo $$ > '" + cgroupProcs + "'",
                "# Many Go daemons share few cores here: one OS thread each spares what their spinning costs.",
                "export GOMAXPROCS=1",
                "exec /usr/sbin/dockerd --host unix:///var/run/docker.sock --pidfile /run/docker.pid"
                        + " --shutdown-timeout 3 --cgroup-parent " + cgroupParent,
                "");
    }

    static String serviceScript(String host, HostPaths paths) {
        return String.join("\n",
                "#!/bin/sh",
                "# The service manager of emulated host " + host + " (written by `swarmlab hosts up`): it has no systemd.",
                "# It knows one service, docker: swarmlab-service enable|disable|start|stop|restart|is-enabled|is-active docker",
                "set -e",
                "case \"$2\" in docker|docker.service) ;; *) echo \"swarmlab-service: this host's kit runs only docker, not '$2'\" >&2; exit 2;; esac",
                "active() { [ -f /run/docker.pid ] && kill -0 \"$(cat /run/docker.pid)\" 2>/dev/null; }",
                "start() {",
                "  active && return 0",
                "  [ -x /usr/sbin/dockerd ] || { echo 'swarmlab-service: no /usr/sbin/dockerd on this host: install docker.io first' >&2; exit 1; }",
                "  setsid /bin/sh '" + paths.dockerdScript() + "' >> '" + paths.dockerdLog() + "' 2>&1 < /dev/null &",
                "  i=0; until active && [ -S /var/run/docker.sock ]; do",
                "    i=$((i+1)); [ $i -lt " + START_TENTHS + " ] || { echo 'swarmlab-service: dockerd did not start within 30 s; see "
                        + paths.dockerdLog() + "' >&2; exit 1; }; sleep 0.1",
                "  done",
                "}",
                "stop() {",
                "  active || return 0",
                "  pid=$(cat /run/docker.pid); kill \"$pid\"",
                "  i=0; while kill -0 \"$pid\" 2>/dev/null; do",
                "    i=$((i+1)); [ $i -lt " + START_TENTHS + " ] || { echo \"swarmlab-service: dockerd (pid $pid) did not stop within 30 s\" >&2; exit 1; }; sleep 0.1",
                "  done",
                "}",
                "case \"$1\" in",
                "  enable) mkdir -p " + parent(ENABLED) + " && touch " + ENABLED + " ;;",
                "  disable) rm -f " + ENABLED + " ;;",
                "  is-enabled) [ -e " + ENABLED + " ] ;;",
                "  is-active) active ;;",
                "  start) start ;;",
                "  stop) stop ;;",
                "  restart) stop; start ;;",
                "  *) echo \"usage: swarmlab-service enable|disable|start|stop|restart|is-enabled|is-active docker\" >&2; exit 2 ;;",
                "esac",
                "");
    }

    /**
     * The start script's last lines inside a suite host, after the pivot: the kit in place, then dockerd
     * if provisioning has put the engine on and enabled it (a new host stops after sshd).
     */
    static List<String> startLines(HostPaths paths) {
        String daemon = "exec /bin/sh '" + paths.dockerdScript() + "'";
        return List.of(
                "install -D -m 0755 '" + paths.serviceScript() + "' " + SERVICE,
                "printf '#!/bin/sh\\n# emulated host: the kit starts daemons (swarmlab-service), not packages\\nexit 101\\n' > /usr/sbin/policy-rc.d",
                "chmod 0755 /usr/sbin/policy-rc.d",
                "if [ -e " + ENABLED + " ] && [ -x /usr/sbin/dockerd ]; then " + daemon + "; fi");
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
