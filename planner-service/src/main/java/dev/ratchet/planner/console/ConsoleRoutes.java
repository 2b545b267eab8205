package dev.ratchet.planner.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The web console's static files come from {@code META-INF/resources/console/} (Quarkus serves them; no key is
 * needed for them, while every {@code /api/} call the page makes still needs one). This adds what a static file
 * cannot say: {@code /console} goes to {@code /console/} (so the page's relative paths resolve), and every console
 * answer carries a Content-Security-Policy that allows scripts, styles and calls to this origin only, so a string
 * from a model that slipped into markup would still not run.
 */
@ApplicationScoped
public class ConsoleRoutes {

    public static final String PATH = "/console";
    /** No inline script or style element, nothing from another origin, no framing (clickjacking of the controls). */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:"
            + " data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    void install(@Observes Router router) {
        // Before the static files' handler, which ends the answer and would leave the headers out. The route also
        // matches /console and /console/ alike (Vert.x ignores a trailing slash), so the path is compared here.
        router.route(PATH + "/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> {
            if (PATH.equals(ctx.request().path())) {
                ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, PATH + "/").end();
                return;
            }
            ctx.response().putHeader("Content-Security-Policy", POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            ctx.next();
        });
    }
}
