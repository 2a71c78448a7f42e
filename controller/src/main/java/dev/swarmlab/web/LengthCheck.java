package dev.swarmlab.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A body comes with its Content-Length, and only so: a request that also (or instead) says Transfer-Encoding is refused
 * with 411, because the HTTP layer reads a chunked body and drops a Content-Length beside it, and two parties that
 * read one request's length differently are how requests are smuggled past a proxy.
 */
final class LengthCheck implements Handler<RoutingContext> {
    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().getHeader("Transfer-Encoding") != null) {
            ctx.fail(new RequestRefused(411, "a request body must come with a Content-Length, not Transfer-Encoding",
                    "send the body whole, with its Content-Length (curl -d and the page do)"));
            return;
        }
        ctx.next();
    }
}
