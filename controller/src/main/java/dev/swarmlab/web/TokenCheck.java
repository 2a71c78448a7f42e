package dev.swarmlab.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Every request must carry the server's token (unless it was started with --no-token): `Authorization: Bearer TOKEN`,
 * `?token=TOKEN`, or the cookie that opening the page as /?token=TOKEN sets (HttpOnly, SameSite=Strict: no other site's
 * page can send it) before redirecting to the page without the token in its address. Otherwise 401. How the token came
 * is kept for {@link OriginCheck}.
 */
final class TokenCheck implements Handler<RoutingContext> {
    /** The context key saying how the token came: by header, query or cookie. */
    static final String HOW = "swarmlab.token";
    static final String BY_HEADER = "header";
    private final Optional<String> token;

    TokenCheck(Optional<String> token) {
        this.token = token;
    }

    /** The cookie's name: one per port, so that two servers on one machine do not take each other's. */
    static String cookie(int port) {
        return "swarmlab-token-" + port;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token.isEmpty()) {
            ctx.next();
            return;
        }
        String name = cookie(ctx.request().localAddress().port());
        String header = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
        String query = ctx.request().getParam("token");
        Cookie cookie = ctx.request().getCookie(name);
        String how = header.startsWith("Bearer ") ? BY_HEADER : query != null ? "query" : cookie != null ? "cookie" : "none";
        String given = switch (how) {
            case BY_HEADER -> header.substring(7);
            case "query" -> query;
            case "cookie" -> cookie.getValue();
            default -> "";
        };
        // Compared in constant time: the token is the only thing between other programs and the lab's results.
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
            ctx.fail(401);
            return;
        }
        ctx.put(HOW, how);
        if (how.equals("query")) {
            ctx.response().addCookie(Cookie.cookie(name, query).setHttpOnly(true).setPath("/").setSameSite(CookieSameSite.STRICT));
            if (ctx.request().method() == HttpMethod.GET && !ctx.request().path().startsWith("/api")) {
                // The page's address loses the token at once: it is not kept in the history, nor shown on the screen.
                // Only a plain path of this server: "//other.example/" would send the browser elsewhere.
                String path = ctx.request().path();
                ctx.response().setStatusCode(302).putHeader("Location", path.matches("/(?!/)[A-Za-z0-9._/-]*") ? path : "/").end();
                return;
            }
        }
        ctx.next();
    }
}
