package dev.swarmlab.provision;

import dev.swarmlab.ssh.ExecResult;
import dev.swarmlab.ssh.SshSession;
import dev.swarmlab.ssh.SshStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Debian host as provisioning's commands see it, answering by what a command does (dpkg-query, apt-get,
 * the service manager, files) from a small state: its packages, its files, its daemon. Every command is
 * kept, so a test can say what ran, and what did not.
 */
final class FakeDebianHost implements SshSession {
    final Map<String, String> packages = new LinkedHashMap<>();
    final Map<String, String> files = new LinkedHashMap<>();
    final List<String> commands = new ArrayList<>();
    /** docker.io versions the archive has, newest first. */
    List<String> archive = List.of("28.5.2+dfsg4-5");
    boolean separateCli = true;
    String osRelease = "PRETTY_NAME=\"Debian GNU/Linux forky/sid\"\nNAME=\"Debian GNU/Linux\"\nVERSION_CODENAME=forky\nID=debian\n";
    String uid = "0";
    boolean sudo = false;
    boolean enabled;
    boolean active;
    int restarts;
    private TreeSet<String> before;

    FakeDebianHost() {
        packages.put("libc6", "2.41-12");
        packages.put("openssh-server", "1:10.0p1-5");
    }

    @Override
    public ExecResult exec(String command, Duration deadline) {
        commands.add(command);
        String c = command.startsWith("sudo -n sh -c ") || command.startsWith("sh -c ") ? unquote(command.substring(command.indexOf("sh -c ") + 6)) : command;
        if (c.equals("id -u")) {
            return ok(uid);
        }
        if (c.equals("sudo -n true")) {
            return sudo ? ok("") : fail("sudo: a password is required");
        }
        if (c.equals("cat /etc/os-release")) {
            return ok(osRelease);
        }
        if (c.contains("/run/systemd/system")) {
            return ok("systemd");
        }
        if (c.startsWith("cat ")) {
            String path = c.substring(4).strip();
            return files.containsKey(path) ? ok(files.get(path)) : fail("cat: " + path + ": No such file or directory");
        }
        if (c.contains("dpkg-query -W -f '${db:Status-Abbrev} ${Package} ${Version}")) {
            return ok(packages.entrySet().stream().filter(e -> c.contains(" " + e.getKey() + " ") || c.contains(" " + e.getKey() + " 2>"))
                    .map(e -> "ii  " + e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n")));
        }
        if (c.contains("> " + Remote.STATE + "/before")) {
            if (before == null) {
                before = new TreeSet<>(packages.keySet());
            }
            return ok("");
        }
        if (c.startsWith("set -e; [ -e " + Remote.STATE + "/before ]")) {
            if (before == null) {
                return ok("");
            }
            TreeSet<String> added = new TreeSet<>(packages.keySet());
            added.removeAll(before);
            before = null;
            String lines = added.stream().map(p -> p + "\n").collect(Collectors.joining());
            files.merge(Remote.INSTALLED, lines, String::concat);
            return ok(lines);
        }
        if (c.startsWith("apt-get -q update")) {
            return ok("Hit:1 http://deb.debian.org/debian sid InRelease\nReading package lists...");
        }
        if (c.startsWith("apt-cache madison ")) {
            String pkg = c.substring("apt-cache madison ".length()).strip();
            List<String> versions = pkg.equals("docker.io") || (pkg.equals("docker-cli") && separateCli) ? archive : List.of();
            return ok(versions.stream().map(v -> " " + pkg + " | " + v + " | http://deb.debian.org/debian sid/main amd64 Packages").collect(Collectors.joining("\n")));
        }
        if (c.startsWith(PackageSource.APT_INSTALL)) {
            for (String spec : c.substring(PackageSource.APT_INSTALL.length()).strip().split(" ")) {
                String[] parts = spec.split("=", 2);
                packages.put(parts[0], parts.length == 2 ? parts[1] : "1.0-1");
            }
            packages.putIfAbsent("libnftnl11", "1.3.2-1"); // a dependency that comes along
            return ok("Setting up docker.io ...");
        }
        if (c.startsWith("DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ")) {
            for (String pkg : c.substring("DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ".length()).strip().split(" ")) {
                packages.remove(pkg);
            }
            return ok("Removing ...");
        }
        if (c.startsWith("mkdir -p /etc/docker && printf '%s' ")) {
            files.put(DaemonSettings.FILE, unquote(c.substring("mkdir -p /etc/docker && printf '%s' ".length(), c.lastIndexOf(" > "))));
            return ok("");
        }
        if (c.startsWith("rm -f " + DaemonSettings.FILE)) {
            files.remove(DaemonSettings.FILE);
            return ok("");
        }
        if (c.startsWith("rm -rf " + Remote.STATE)) {
            files.keySet().removeIf(path -> path.startsWith(Remote.STATE));
            return ok("");
        }
        if (c.startsWith("systemctl ")) {
            return service(c.split(" ")[1]);
        }
        if (c.contains("docker version --format")) {
            return active && packages.containsKey("docker.io") ? ok(EngineAsk.upstream(packages.get("docker.io")) + "\n") : fail("Cannot connect to the Docker daemon");
        }
        if (c.contains("dpkg --configure -a") || c.contains(">> " + Remote.JOURNAL) || c.contains("ufw") || c.contains("firewall-cmd") || c.contains("nft ")) {
            if (c.contains(">> " + Remote.JOURNAL)) {
                files.merge(Remote.JOURNAL, c + "\n", String::concat);
            }
            return c.contains("command -v") ? fail("") : ok("");
        }
        throw new AssertionError("the fake host does not know `" + c + "`");
    }

    private ExecResult service(String verb) {
        switch (verb) {
            case "is-enabled" -> {
                return enabled ? ok("enabled") : fail("disabled");
            }
            case "is-active" -> {
                return active ? ok("active") : fail("inactive");
            }
            case "enable" -> enabled = true;
            case "disable" -> enabled = false;
            case "start" -> active = packages.containsKey("docker.io");
            case "stop" -> active = false;
            case "restart" -> {
                restarts++;
                active = packages.containsKey("docker.io");
            }
            default -> throw new AssertionError("systemctl " + verb);
        }
        return ok("");
    }

    /** The commands that changed something on the host (not the ones that only looked). */
    List<String> changing() {
        return commands.stream().filter(c -> c.contains("apt-get install") || c.contains("printf '%s' '{") || c.contains("systemctl enable")
                || c.contains("systemctl start") || c.contains("systemctl restart") || c.contains("purge")).toList();
    }

    private static String unquote(String quoted) {
        String text = quoted.strip();
        return text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1).replace("'\\''", "'") : text;
    }

    private ExecResult ok(String out) {
        return new ExecResult(target(), "", 0, out, "");
    }

    private ExecResult fail(String err) {
        return new ExecResult(target(), "", 1, "", err);
    }

    @Override
    public SshStream openUnixSocket(String path, Duration deadline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SshStream openCommand(String command, Duration deadline) {
        throw new UnsupportedOperationException("no copies: this host reaches its mirror");
    }

    @Override
    public TcpReach reach(String address, int port, Duration deadline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String target() {
        return "root@h1";
    }

    @Override
    public void close() {
    }
}
