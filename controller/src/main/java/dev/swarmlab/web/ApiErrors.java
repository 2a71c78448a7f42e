package dev.swarmlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.BusyException;
import dev.swarmlab.NotFoundException;
import dev.swarmlab.SwarmlabException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * The one place where failures become HTTP, from the API and from the HTTP layer alike (a request Vert.x could not
 * decode, a path or method nothing serves): {"status", "error", "remedy"} as JSON, with the security headers, and
 * files named relative to the state root, never by this machine's absolute paths.
 */
final class ApiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String root;

    ApiErrors(Path stateRoot) {
        this.root = stateRoot.toAbsolutePath().normalize().toString();
    }

    void respond(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String error;
        String remedy;
        if (failure instanceof RequestRefused refused) {
            status = refused.status();
            error = refused.getMessage();
            remedy = refused.remedy();
        } else if (ctx.statusCode() == 401) {
            status = 401;
            error = "this server needs its token";
            remedy = "open the address `swarmlab serve` printed (http://127.0.0.1:PORT/?token=...), or send `Authorization: Bearer TOKEN`;"
                    + " `swarmlab serve --url` prints it again";
        } else if (failure instanceof BusyException busy) {
            status = 409;
            error = busy.getMessage();
            remedy = busy.remedy();
        } else if (failure instanceof NotFoundException missing) {
            status = 404;
            error = missing.getMessage();
            remedy = missing.remedy();
        } else if (failure instanceof SwarmlabException known) {
            status = 500;
            error = known.getMessage();
            remedy = known.remedy();
        } else if (failure == null && ctx.statusCode() > 0) {
            status = ctx.statusCode();
            error = switch (status) {
                case 404 -> "nothing at " + HostCheck.printable(ctx.request().path());
                case 405 -> ctx.request().method() + " is not allowed on " + HostCheck.printable(ctx.request().path());
                case 413 -> "the request body is too large";
                default -> "HTTP " + status;
            };
            remedy = "GET /api lists what the API serves";
        } else {
            status = 500;
            error = "the server failed on this request (" + (failure == null ? "no detail" : failure.getClass().getSimpleName()) + ")";
            remedy = "see the server's log";
        }
        send(ctx.response(), status, error, remedy);
    }

    /** What the HTTP layer could not even decode: a request line or headers too long, or not HTTP at all. */
    void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        String name = cause == null ? "" : cause.getClass().getSimpleName();
        int status = name.equals("TooLongHttpLineException") ? 414 : name.equals("TooLongHttpHeaderException") ? 431 : 400;
        String error = switch (status) {
            case 414 -> "the request line is too long";
            case 431 -> "the request's headers are too large";
            default -> "the request is not valid HTTP";
        };
        HttpServerResponse response = request.response();
        SecurityHeaders.add(response.headers());
        response.putHeader("Connection", "close");
        send(response, status, error, "send a shorter, well-formed HTTP/1.1 request");
    }

    private void send(HttpServerResponse response, int status, String error, String remedy) {
        if (response.ended() || response.closed()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("status", status).put("error", relative(error));
        if (remedy != null && !remedy.isEmpty()) {
            body.put("remedy", relative(remedy));
        }
        if (response.headWritten()) {
            response.end(); // an event stream already under way: nothing more can be said in it
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    /** Paths under the state root are named from it ("drivers/runs.db"); the root itself is "the state folder". */
    private String relative(String text) {
        return text.replace(root + "/", "").replace(root, "the state folder");
    }
}
