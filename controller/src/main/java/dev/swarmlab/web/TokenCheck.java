package dev.swarmlab.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * With a token set, every request must carry it: `Authorization: Bearer TOKEN`, `?token=TOKEN`, or the
 * cookie a request with the right ?token= sets (so the page opened as /?token=TOKEN loads its files,
 * data and live events); otherwise 401.
 */
final class TokenCheck implements Handler<RoutingContext> {
    static final String COOKIE = "swarmlab-token";
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
        String query = ctx.request().getParam("token");
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String given = header.startsWith("Bearer ") ? header.substring(7) : query != null ? query : cookie != null ? cookie.getValue() : "";
        // Compared in constant time: the token is the only thing between the network and the lab's results.
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
            ctx.fail(401);
            return;
        }
        if (query != null) {
            ctx.response().addCookie(Cookie.cookie(COOKIE, query).setHttpOnly(true).setPath("/").setSameSite(CookieSameSite.STRICT));
        }
        ctx.next();
    }
}
