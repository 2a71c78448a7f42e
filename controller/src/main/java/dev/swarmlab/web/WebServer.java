package dev.swarmlab.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * `swarmlab serve`: the page and the REST API over the recorded runs and the lab files. Every
 * request that reads files or the run databases runs on a worker thread; errors become JSON in
 * one place ({@link ApiErrors}). Every request must name this server as its Host ({@link HostCheck}) and carry
 * its token ({@link TokenCheck}); one that changes something must come from the page itself ({@link OriginCheck}).
 */
public final class WebServer extends VerticleBase {
    /**
     * Where to listen, the token (empty only with --no-token, on loopback), what to serve, and the host names
     * besides loopback and the bound address that requests may be addressed to.
     */
    public record Options(String host, int port, Optional<String> token, Path stateRoot, Path labs, Optional<Path> inventory,
                          LabRunner runner, List<String> allowedHosts) {
        public Options(String host, int port, Optional<String> token, Path stateRoot, Path labs, Optional<Path> inventory,
                       List<String> allowedHosts) {
            this(host, port, token, stateRoot, labs, inventory, LabRunner.overSsh(inventory), allowedHosts);
        }

        public Options(String host, int port, Optional<String> token, Path stateRoot, Path labs, Optional<Path> inventory) {
            this(host, port, token, stateRoot, labs, inventory, List.of());
        }

        public Options(String host, int port, Optional<String> token, Path stateRoot, Path labs) {
            this(host, port, token, stateRoot, labs, Optional.empty());
        }

        public Options(String host, int port, Optional<String> token, Path stateRoot, Path labs, LabRunner runner) {
            this(host, port, token, stateRoot, labs, Optional.empty(), runner, List.of());
        }
    }

    /** Where the page's files are, on the class path (the web module). */
    public static final String PAGE = "swarmlab/web";
    static final int SEND_BUFFER = 128 * 1024;

    private final Options options;
    private HttpServer server;

    public WebServer(Options options) {
        this.options = options;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        ApiErrors errors = new ApiErrors(options.stateRoot());
        // In this order: every answer gets the headers; a foreign Host is refused before the token is looked at, and a
        // POST from a foreign Origin (or with a body of doubtful length) before anything is read or started. POST is the
        // only method that changes anything; any other but GET and HEAD is 405.
        router.route().handler(new SecurityHeaders());
        router.route().handler(new HostCheck(options.host(), options.allowedHosts()));
        router.route().handler(new TokenCheck(options.token()));
        router.post().handler(new OriginCheck(options.token().isEmpty()));
        router.post().handler(new LengthCheck());
        new Api(vertx, options).mount(router);
        router.get("/*").handler(StaticHandler.create(PAGE).setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
        router.route().failureHandler(errors::respond);
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, errors::respond);
        }
        // A bounded send buffer per connection (the kernel's would grow to megabytes): with each event stream's own bounded
        // queue, a client that stops reading holds at most this much, and is found out (RunFeed drops it).
        HttpServerOptions http = new HttpServerOptions().setCompressionSupported(true).setSendBufferSize(SEND_BUFFER);
        return vertx.createHttpServer(http).requestHandler(router).invalidRequestHandler(errors::invalid)
                .listen(options.port(), options.host()).onSuccess(s -> server = s);
    }

    /** The port it listens on (the one the system chose, when asked for port 0). */
    public int port() {
        return server.actualPort();
    }
}
