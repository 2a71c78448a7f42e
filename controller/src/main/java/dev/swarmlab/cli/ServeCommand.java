package dev.swarmlab.cli;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.deploy.LabState;
import dev.swarmlab.web.WebServer;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `swarmlab serve`: the REST API over the recorded runs, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the recorded runs and the lab files over HTTP (the REST API under /api; see the README).",
                "Binds 127.0.0.1 by default. On any other address every request needs a token: --token, or one printed at start."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The token requests must carry (default: none on loopback, a new random one elsewhere).")
    String token;

    @Option(names = "--labs", defaultValue = "labs", paramLabel = "DIR", description = "The folder of lab files to list (default: ${DEFAULT-VALUE}).")
    Path labs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> required = Optional.ofNullable(token).or(() -> loopback(bind) ? Optional.empty() : Optional.of(newToken()));
        Vertx vertx = Vertx.vertx();
        WebServer server = new WebServer(new WebServer.Options(bind, port, required, LabState.root(), labs.toAbsolutePath()));
        try {
            vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new SwarmlabException("cannot serve on " + bind + ":" + port + ": " + (e.getMessage() == null ? e : e.getMessage()),
                    "pick another --port (0 takes a free one) or stop whatever listens there");
        }
        out.println("serving runs from " + LabState.root() + " at http://" + bind + ":" + server.port() + "/api (Ctrl-C stops)");
        required.ifPresent(t -> out.println("token: " + t + "   (send `Authorization: Bearer " + t + "` or ?token=" + t + ")"));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
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
