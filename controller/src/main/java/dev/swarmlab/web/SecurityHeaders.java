package dev.swarmlab.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries: no type sniffing, a Content-Security-Policy that lets the page load only
 * its own files and talk only to its own server (and never be framed), no Referer (a tokened address must not
 * leak into another site's logs), and no caching of what may hold a lab's results.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
    static final String POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> add(ctx.response().headers()));
        ctx.next();
    }

    static void add(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", POLICY);
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
    }
}
