package dev.swarmlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmlab.web.WebServer.Options;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/openapi.json describes exactly the API's routes: each method and path the router serves, and nothing else. */
class OpenApiTest {
    @TempDir
    Path state;

    @Test
    void theDocumentNamesEveryRouteAndOnlyThose() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            new Api(vertx, new Options("127.0.0.1", 0, Optional.of("t"), state, state)).mount(router);
            TreeSet<String> routes = new TreeSet<>();
            for (Route route : router.getRoutes()) {
                if (route.getPath() != null && route.getPath().startsWith("/api")) {
                    String path = route.getPath().replaceAll(":(\\w+)", "{$1}");
                    route.methods().forEach(m -> routes.add(m.name() + " " + path));
                }
            }
            TreeSet<String> documented = new TreeSet<>();
            JsonNode paths = Api.openApi().path("paths");
            for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
                String path = it.next();
                paths.path(path).fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
            }
            assertFalse(routes.isEmpty(), "the router has routes");
            assertEquals(routes, documented);
            assertEquals("3.0.3", Api.openApi().path("openapi").asText());
        } finally {
            vertx.close().await();
        }
    }
}
