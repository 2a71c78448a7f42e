package dev.swarmlab.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * A request that changes something (a POST: the only method the server takes besides GET and HEAD) must say `Content-Type: application/json`, which a
 * form or a "simple" cross-site fetch cannot, and come from the page itself: its Origin is this server's own, or it has
 * none and carries the token in its Authorization header (a program, not a browser: a browser sends its page's Origin).
 * Otherwise 403, before anything is read or started.
 */
final class OriginCheck implements Handler<RoutingContext> {
    private static final String REMEDY = "start runs from the page itself, or from a program with `Content-Type: application/json` and"
            + " `Authorization: Bearer TOKEN`";
    private final boolean tokenless;

    /** {@code tokenless}: the server has no token (--no-token), so a request without an Origin needs none either. */
    OriginCheck(boolean tokenless) {
        this.tokenless = tokenless;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/json")) {
            ctx.fail(new RequestRefused(403, "a " + method + " must send Content-Type: application/json (it sent "
                    + (type == null ? "none" : "'" + HostCheck.printable(type) + "'") + ")", REMEDY));
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        var authority = ctx.request().authority();
        String own = ("http://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : "")).toLowerCase(Locale.ROOT);
        if (origin != null && !origin.toLowerCase(Locale.ROOT).equals(own)) {
            ctx.fail(new RequestRefused(403, "a " + method + " from another site (Origin " + HostCheck.printable(origin) + ") is refused",
                    REMEDY));
            return;
        }
        if (origin == null && !tokenless && !TokenCheck.BY_HEADER.equals(ctx.get(TokenCheck.HOW))) {
            ctx.fail(new RequestRefused(403, "a " + method + " without an Origin must carry the token in its Authorization header",
                    REMEDY));
            return;
        }
        ctx.next();
    }
}
