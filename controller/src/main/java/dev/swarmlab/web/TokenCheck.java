package dev.swarmlab.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** With a token set, an /api request must carry it: `Authorization: Bearer TOKEN` or `?token=TOKEN`; otherwise 401. */
final class TokenCheck implements Handler<RoutingContext> {
    private final Optional<String> token;

    TokenCheck(Optional<String> token) {
        this.token = token;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token.isEmpty()) {
            ctx.next();
            return;
        }
        String header = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
        String given = header.startsWith("Bearer ") ? header.substring(7) : Optional.ofNullable(ctx.request().getParam("token")).orElse("");
        // Compared in constant time: the token is the only thing between the network and the lab's results.
        if (MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
        } else {
            ctx.fail(401);
        }
    }
}
