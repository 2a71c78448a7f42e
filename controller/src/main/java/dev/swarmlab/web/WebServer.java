package dev.swarmlab.web;

import dev.swarmlab.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.Optional;

/**
 * `swarmlab serve`: the page and the REST API over the recorded runs and the lab files. Every
 * request that reads files or the run databases runs on a worker thread; errors become JSON in
 * one place ({@link ApiErrors}). With a token, every request must carry it (or the cookie a
 * request with ?token= sets, so the page's own requests need not repeat it).
 */
public final class WebServer extends VerticleBase {
    /** Where to listen, the token (required whenever the address is not loopback), and what to serve. */
    public record Options(String host, int port, Optional<String> token, Path stateRoot, Path labs, Optional<Path> inventory,
                          LabRunner runner) {
        public Options(String host, int port, Optional<String> token, Path stateRoot, Path labs, Optional<Path> inventory) {
            this(host, port, token, stateRoot, labs, inventory, LabRunner.overSsh(inventory));
        }

        public Options(String host, int port, Optional<String> token, Path stateRoot, Path labs) {
            this(host, port, token, stateRoot, labs, Optional.empty());
        }

        public Options(String host, int port, Optional<String> token, Path stateRoot, Path labs, LabRunner runner) {
            this(host, port, token, stateRoot, labs, Optional.empty(), runner);
        }
    }

    /** Where the page's files are, on the class path (the web module). */
    public static final String PAGE = "swarmlab/web";

    private final Options options;
    private HttpServer server;

    public WebServer(Options options) {
        this.options = options;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(new TokenCheck(options.token()));
        new Api(vertx, options).mount(router);
        router.route("/*").handler(StaticHandler.create(PAGE).setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
        router.route().last().handler(ctx -> ctx.fail(new NotFoundException("nothing at " + ctx.request().path(),
                "GET /api lists what the API serves")));
        router.route().failureHandler(ApiErrors::respond);
        return vertx.createHttpServer().requestHandler(router).listen(options.port(), options.host()).onSuccess(s -> server = s);
    }

    /** The port it listens on (the one the system chose, when asked for port 0). */
    public int port() {
        return server.actualPort();
    }
}
