package dev.swarmlab.cli;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.LabState;
import dev.swarmlab.web.WebServer;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `swarmlab serve`: the page and the REST API over the recorded runs, until Ctrl-C (or in the background with --detach). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the page and the REST API (under /api; see the README) over the recorded runs and the lab files.",
                "Binds 127.0.0.1 by default. On any other address every request needs a token: --token, or one printed at start;",
                "open the page as http://ADDRESS:PORT/?token=TOKEN."})
final class ServeCommand implements Callable<Integer> {
    private static final Duration READY = Duration.ofSeconds(30);

    @Option(names = "--port", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SWARMLAB_TOKEN}",
            description = "The token requests must carry (default: $SWARMLAB_TOKEN, else none on loopback and a new random one elsewhere).")
    String token;

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
        Optional<String> required = Optional.ofNullable(token).filter(t -> !t.isEmpty())
                .or(() -> loopback(bind) ? Optional.empty() : Optional.of(newToken()));
        if (detach) {
            return detached(out, required);
        }
        Vertx vertx = Vertx.vertx();
        WebServer server = new WebServer(new WebServer.Options(bind, port, required, LabState.root(), labs.toAbsolutePath(),
                Optional.ofNullable(inventory).map(Path::toAbsolutePath)));
        try {
            vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new SwarmlabException("cannot serve on " + bind + ":" + port + ": " + (e.getMessage() == null ? e : e.getMessage()),
                    "pick another --port (0 takes a free one) or stop whatever listens there");
        }
        out.println("serving runs from " + LabState.root() + ": the page at " + page(server.port(), required) + ", the API under /api (Ctrl-C stops)");
        required.ifPresent(t -> out.println("token: " + t + "   (API clients send `Authorization: Bearer " + t + "` or ?token=" + t + ")"));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private String page(int actualPort, Optional<String> required) {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return "http://" + host + ":" + actualPort + "/" + required.map(t -> "?token=" + t).orElse("");
    }

    private static Path pidFile() {
        return LabState.root().resolve("serve.pid");
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
        java.nio.file.Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        if (new java.io.File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // its own session: a Ctrl-C in the terminal that started it does not reach it
        }
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path code = Path.of(dev.swarmlab.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        command.addAll(code.toString().endsWith(".jar") ? List.of("-jar", code.toString())
                : List.of("-cp", System.getProperty("java.class.path"), dev.swarmlab.Main.class.getName()));
        command.addAll(List.of("serve", "--port", String.valueOf(port), "--bind", bind, "--labs", labs.toAbsolutePath().toString()));
        if (inventory != null) {
            command.addAll(List.of("--inventory", inventory.toAbsolutePath().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        required.ifPresent(t -> builder.environment().put("SWARMLAB_TOKEN", t)); // not on the command line, where ps shows it
        Process server = builder.start();
        java.nio.file.Files.writeString(pidFile(), String.valueOf(server.pid()));
        dev.swarmlab.Deadline deadline = dev.swarmlab.Deadline.in(READY, "the server on " + bind + ":" + port + " to answer");
        while (!answers(required)) {
            if (!server.isAlive() || deadline.expired()) {
                server.destroy();
                java.nio.file.Files.deleteIfExists(pidFile());
                String tail = java.nio.file.Files.readAllLines(log).stream().reduce((a, b) -> a + "\n" + b).orElse("");
                throw new SwarmlabException("the server did not start on " + bind + ":" + port + (server.isAlive() ? " within " + READY.toSeconds() + " s" : "")
                        + ": " + tail.strip(), "pick another --port (0 is not possible with --detach) or stop whatever listens there; its log is " + log);
            }
            deadline.pause(java.time.Duration.ofMillis(200));
        }
        out.println("serving runs from " + LabState.root() + ": open " + page(port, required));
        out.println("(pid " + server.pid() + "; `swarmlab serve --stop` stops it; log in " + log + ")");
        out.flush();
        return 0;
    }

    private boolean answers(Optional<String> required) {
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) java.net.URI.create("http://" + (bind.contains(":") ? "[" + bind + "]"
                    : bind.equals("0.0.0.0") ? "127.0.0.1" : bind) + ":" + port + "/api").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            required.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
            return connection.getResponseCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Stops the server a --detach started, if it still runs; its pid. */
    private static Optional<Long> stopDetached() throws Exception {
        Path file = pidFile();
        if (!java.nio.file.Files.exists(file)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(java.nio.file.Files.readString(file).strip());
        java.nio.file.Files.deleteIfExists(file);
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(" serve ")); // only ours, never a recycled pid
        if (process.isEmpty()) {
            return Optional.empty();
        }
        process.get().destroy();
        try {
            process.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.get().destroyForcibly();
        }
        return Optional.of(pid);
    }

    private boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind " + address + ": not an address (" + e.getMessage() + ")");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
