package dev.swarmlab.web;

import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Serves only requests whose Host names this server: loopback (127.0.0.1, localhost, [::1]), the
 * address it is bound to, and the names given with --allow-host. A page that rebinds its own name to
 * 127.0.0.1 sends its own name as Host and gets 403: it can neither read a report nor start a run.
 * On a wildcard bind (0.0.0.0, ::) an address literal is served too: no name, nothing to rebind.
 */
final class HostCheck implements Handler<RoutingContext> {
    private final Set<String> names = new HashSet<>(List.of("127.0.0.1", "localhost", "::1"));
    private final boolean wildcard;

    HostCheck(String bind, List<String> allowed) {
        names.add(bare(bind));
        allowed.forEach(name -> names.add(bare(name)));
        wildcard = bind.equals("0.0.0.0") || bare(bind).equals("::");
    }

    @Override
    public void handle(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        if (authority == null || authority.host() == null || authority.host().isEmpty()) {
            ctx.fail(new RequestRefused(400, "the request has no Host header", "send `Host: 127.0.0.1:PORT` (HTTP/1.1 requires it)"));
            return;
        }
        String host = bare(authority.host());
        if (!names.contains(host) && !(wildcard && literal(host))) {
            ctx.fail(new RequestRefused(403, "this server does not answer to the host name '" + printable(host) + "'",
                    "open it as http://127.0.0.1:PORT/ (or the --bind address); to serve it under another name, start it with"
                            + " `swarmlab serve --allow-host NAME`"));
            return;
        }
        ctx.next();
    }

    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static boolean literal(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.matches("[0-9a-f:.]+") && host.contains(":");
    }

    /** At most 60 characters of letters, digits and punctuation: a hostile name is not echoed whole. */
    static String printable(String text) {
        String kept = text.replaceAll("[^\\x21-\\x7e]", "?");
        return kept.length() > 60 ? kept.substring(0, 60) + "..." : kept;
    }
}
