package dev.swarmlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmlab.NotFoundException;
import dev.swarmlab.SwarmlabException;
import io.vertx.ext.web.RoutingContext;

/** The one place where failures become HTTP: {"status", "error", "remedy"} with 400, 401, 404, 409 or 500. */
final class ApiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrors() {
    }

    static void respond(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String error;
        String remedy;
        if (ctx.statusCode() == 401) {
            status = 401;
            error = "this server needs its token";
            remedy = "send `Authorization: Bearer TOKEN` (or ?token=TOKEN) with the token `swarmlab serve` printed";
        } else if (failure instanceof dev.swarmlab.BusyException busy) {
            status = 409;
            error = busy.getMessage();
            remedy = busy.remedy();
        } else if (failure instanceof NotFoundException missing) {
            status = 404;
            error = missing.getMessage();
            remedy = missing.remedy();
        } else if (failure instanceof IllegalArgumentException || failure instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            Throwable bad = failure;
            status = 400;
            error = bad.getMessage();
            remedy = "GET /api lists the requests and their parameters";
        } else if (failure instanceof SwarmlabException known) {
            status = 500;
            error = known.getMessage();
            remedy = known.remedy();
        } else {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            error = failure == null ? "HTTP " + status : "unexpected " + failure;
            remedy = "";
        }
        ObjectNode body = JSON.createObjectNode().put("status", status).put("error", error);
        if (remedy != null && !remedy.isEmpty()) {
            body.put("remedy", remedy);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
