package dev.swarmlab.cli;

import dev.swarmlab.Deadline;
import dev.swarmlab.StateFiles;
import dev.swarmlab.SwarmlabException;
import dev.swarmlab.session.LabState;
import dev.swarmlab.web.WebServer;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `swarmlab serve`: the page and the REST API over the recorded runs, until Ctrl-C (or in the background with --detach). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the page and the REST API (under /api; see the README) over the recorded runs and the lab files.",
                "Binds 127.0.0.1 by default. Every request needs the server's token (made at start, kept in serve.token in the state",
                "folder, readable by you only): open the printed address http://127.0.0.1:PORT/?token=TOKEN. Requests must name this",
                "server as their Host, and runs can be started only from the page itself or with the token in an Authorization header."})
final class ServeCommand implements Callable<Integer> {
    private static final Duration READY = Duration.ofSeconds(30);

    @Option(names = "--port", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SWARMLAB_TOKEN}",
            description = "The token requests must carry (default: $SWARMLAB_TOKEN, else a new random one).")
    String token;

    @Option(names = "--no-token", description = "Serve without a token, on loopback only: then every program of every user on this machine"
            + " can read every run (addresses, NAT rules) and start runs, including labs whose steps change the hosts. Host and Origin are"
            + " still checked, so other web pages still cannot.")
    boolean noToken;

    @Option(names = "--allow-host", paramLabel = "NAME", split = ",",
            description = "Another name the page may be opened under (besides 127.0.0.1, localhost, [::1] and the --bind address).")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--url", description = "Print the address (with its token) of the server `serve --detach` started, and return.")
    boolean url;

    /** Set by --detach on the server it starts: its output goes to serve.log, which must never hold the token. */
    @Option(names = "--logging-to-file", hidden = true)
    boolean loggingToFile;

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE",
            description = "Hosts for the labs the page starts and the hosts it shows, instead of each lab's own `hosts`.")
    Path inventory;

    @Option(names = "--detach", description = "Start the server in the background (replacing one started so before), wait until it answers,"
            + " print its address and return. Its log is serve.log in the state folder.")
    boolean detach;

    @Option(names = "--stop", description = "Stop the server `serve --detach` started.")
    boolean stop;

    @Option(names = "--labs", defaultValue = "labs", paramLabel = "DIR", description = "The folder of lab files to list (default: ${DEFAULT-VALUE}).")
    Path labs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (stop) {
            out.println(stopDetached().map(pid -> "stopped the server (pid " + pid + ")").orElse("no server started by `serve --detach` is running"));
            out.flush();
            return 0;
        }
        if (url) {
            out.println(detachedAddress().orElseThrow(() -> new SwarmlabException("no server started by `serve --detach` is running",
                    "start one: swarmlab serve --detach")));
            out.flush();
            return 0;
        }
        if (noToken && !loopback(bind)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--no-token is refused on " + bind + ": off loopback every"
                    + " machine that reaches this one could start runs; keep the token, or --bind 127.0.0.1");
        }
        if (noToken && token != null && !token.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--no-token and a token (--token or $SWARMLAB_TOKEN): give one");
        }
        Optional<String> required = noToken ? Optional.empty() : Optional.of(Optional.ofNullable(token).filter(t -> !t.isEmpty())
                .orElseGet(ServeCommand::newToken));
        StateFiles.privateFolder(LabState.root());
        if (detach) {
            return detached(out, required);
        }
        Vertx vertx = Vertx.vertx();
        WebServer server = new WebServer(new WebServer.Options(bind, port, required, LabState.root(), labs.toAbsolutePath(),
                Optional.ofNullable(inventory).map(Path::toAbsolutePath), allowHosts));
        try {
            vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new SwarmlabException("cannot serve on " + bind + ":" + port + ": " + (e.getMessage() == null ? e : e.getMessage()),
                    "pick another --port (0 takes a free one) or stop whatever listens there");
        }
        if (loggingToFile) {
            out.println("serving runs from " + LabState.root() + " on " + page(server.port(), Optional.empty())
                    + (required.isPresent() ? " (its token is in " + tokenFile() + ")" : " without a token"));
        } else {
            required.ifPresent(t -> StateFiles.writePrivate(tokenFile(), t));
            out.println("serving runs from " + LabState.root() + ": the page at " + page(server.port(), required) + ", the API under /api (Ctrl-C stops)");
            required.ifPresent(t -> out.println("API clients send `Authorization: Bearer TOKEN` with the token in " + tokenFile()));
            if (required.isEmpty()) {
                out.println("no token (--no-token): every program on this machine can read the runs and start runs");
            }
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close();
            stopped.countDown();
        }));
        stopped.await(); // waits: for Ctrl-C, the whole life of a server in the foreground
        return 0;
    }

    private String page(int actualPort, Optional<String> required) {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return "http://" + host + ":" + actualPort + "/" + required.map(t -> "?token=" + t).orElse("");
    }

    private static Path pidFile() {
        return LabState.root().resolve("serve.pid");
    }

    private static Path tokenFile() {
        return LabState.root().resolve("serve.token");
    }

    /** The address of the server --detach started, with its token, while it runs. */
    private static Optional<String> detachedAddress() throws IOException {
        Path address = LabState.root().resolve("serve.address");
        if (!Files.exists(address) || running().isEmpty()) {
            return Optional.empty();
        }
        String page = Files.readString(address).strip();
        return Optional.of(Files.exists(tokenFile()) ? page + "?token=" + Files.readString(tokenFile()).strip() : page);
    }

    /** Starts this same command without --detach as a process of its own session, and waits until it answers. */
    private int detached(PrintWriter out, Optional<String> required) throws Exception {
        stopDetached().ifPresent(pid -> out.println("stopped the server started before (pid " + pid + ")"));
        if (port == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--detach needs a fixed --port, to tell where the server is");
        }
        if (answers(Optional.empty()) || answers(required)) {
            throw new SwarmlabException("something already answers on " + bind + ":" + port, "stop it, or pick another --port");
        }
        Path log = LabState.root().resolve("serve.log");
        StateFiles.writePrivate(log, "");
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // its own session: a Ctrl-C in the terminal that started it does not reach it
        }
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        command.addAll(code.toString().endsWith(".jar") ? List.of("-jar", code.toString())
                : List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of("serve", "--port", String.valueOf(port), "--bind", bind, "--labs", labs.toAbsolutePath().toString(),
                "--logging-to-file"));
        if (noToken) {
            command.add("--no-token");
        }
        allowHosts.forEach(name -> command.addAll(List.of("--allow-host", name)));
        if (inventory != null) {
            command.addAll(List.of("--inventory", inventory.toAbsolutePath().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        required.ifPresent(t -> builder.environment().put("SWARMLAB_TOKEN", t)); // not on the command line, where ps shows it
        Process server = builder.start();
        // Its pid and when it started: a pid the system gave to another process since is never taken for it.
        StateFiles.writePrivate(pidFile(), server.pid() + " " + server.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
        Deadline deadline = Deadline.in(READY, "the server on " + bind + ":" + port + " to answer");
        while (!answers(required)) {
            if (!server.isAlive() || deadline.expired()) {
                server.destroy();
                Files.deleteIfExists(pidFile());
                String tail = Files.readAllLines(log).stream().reduce((a, b) -> a + "\n" + b).orElse("");
                throw new SwarmlabException("the server did not start on " + bind + ":" + port + (server.isAlive() ? " within " + READY.toSeconds() + " s" : "")
                        + ": " + tail.strip(), "pick another --port (0 is not possible with --detach) or stop whatever listens there; its log is " + log);
            }
            deadline.pause(Duration.ofMillis(200));
        }
        required.ifPresentOrElse(t -> StateFiles.writePrivate(tokenFile(), t), () -> deleteQuietly(tokenFile()));
        StateFiles.writePrivate(LabState.root().resolve("serve.address"), page(port, Optional.empty()));
        out.println("serving runs from " + LabState.root() + ": open " + page(port, required));
        out.println("(pid " + server.pid() + "; `swarmlab serve --stop` stops it; log in " + log + ")");
        out.flush();
        return 0;
    }

    private boolean answers(Optional<String> required) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + (bind.contains(":") ? "[" + bind + "]"
                    : bind.equals("0.0.0.0") ? "127.0.0.1" : bind) + ":" + port + "/api").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            required.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server a --detach started, while it runs: the process of that pid that started when it did, never a recycled pid. */
    private static Optional<ProcessHandle> running() throws IOException {
        Path file = pidFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] fields = Files.readString(file).strip().split(" ");
        if (fields.length != 2 || !fields[0].matches("\\d+") || !fields[1].matches("\\d+")) {
            return Optional.empty(); // written by an older version, or damaged: not to be trusted with a kill
        }
        long started = Long.parseLong(fields[1]);
        return ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started);
    }

    /** Stops the server a --detach started, if it still runs, and forgets its token; its pid. */
    private static Optional<Long> stopDetached() throws Exception {
        Optional<ProcessHandle> process = running();
        for (String name : List.of("serve.pid", "serve.token", "serve.address")) {
            deleteQuietly(LabState.root().resolve(name));
        }
        if (process.isEmpty()) {
            return Optional.empty();
        }
        process.get().destroy();
        try {
            process.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.get().destroyForcibly();
        }
        return Optional.of(process.get().pid());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SwarmlabException("cannot remove " + file + ": " + e.getMessage(), "remove it by hand");
        }
    }

    private boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind " + address + ": not an address (" + e.getMessage() + ")");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
