package dev.swarmlab.provision;

import java.util.List;

/** Where a host's packages come from: its own mirror, or (a host with no way out) the controller, which fetches them and copies them over SSH. */
interface PackageSource {
    /** How the packages reach the host, for progress ("from its mirror"). */
    String how();

    /** The versions of a package the host's archive has, newest first (empty: none). */
    List<String> versions(String pkg);

    /** Installs the packages (name or name=version) and what they depend on; the step names what failed. */
    void install(List<String> packages);

    /** "docker.io | 28.5.2+dfsg4-5 | http://... Packages" lines of `apt-cache madison`, as versions. */
    static List<String> madison(String output) {
        return output.lines().map(line -> line.split("\\|")).filter(parts -> parts.length >= 3)
                .map(parts -> parts[1].strip()).filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** What an apt-get that installs without asking is told, on the host and for its packages. */
    String APT_INSTALL = "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --allow-downgrades"
            + " -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold";
}
