package dev.ratchet.runtime.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.FieldViolation;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problems for what never reaches JAX-RS: a declared body over {@code ratchet.api.max-body-bytes} (answered before
 * a byte of it is read; {@code ratchet.api.max-hook-body-bytes} for {@code /hooks/github}) and a path no route serves.
 *
 * <p>The body check needs {@code Content-Length}. A chunked body has none; Quarkus' own limit,
 * {@code quarkus.http.limits.max-body-size} (set to the same value), stops it while it is read, with a bare 413.
 */
@ApplicationScoped
public class ProblemRoutes {

    /** Just before Quarkus' own {@code Content-Length} check, which answers 413 with an empty body. */
    static final int BODY_LIMIT_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /**
     * GitHub's deliveries, which may be up to GitHub's own 25 MiB ({@code ratchet.api.max-hook-body-bytes}); a CI
     * system's CloudEvent ({@code /hooks/cloudevents}) is held to the API's limit like any request.
     */
    static final String HOOKS = "/hooks/github";

    void install(@Observes Router router, RequestLimits limits) {
        router.route().order(BODY_LIMIT_ORDER).handler(ctx -> limitBody(ctx, ctx.request().path().startsWith(HOOKS)
                ? limits.maxHookBodyBytes() : limits.maxBodyBytes()));
        router.errorHandler(404, ctx -> write(ctx, new Problem(ProblemMappers.TYPE_NOT_FOUND, "Not found", 404,
                "no resource at " + ctx.request().path(), ctx.request().path(), List.of())));
    }

    private static void limitBody(RoutingContext ctx, long limit) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            ctx.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            reject(ctx, invalidLength(ctx, declared));
        } else if (length > limit) {
            ProblemException e = ProblemException.tooLarge(length, limit);
            reject(ctx, new Problem(e.type(), e.title(), e.status(), e.getMessage(), ctx.request().path(),
                    List.of()));
        } else {
            ctx.next();
        }
    }

    private static Problem invalidLength(RoutingContext ctx, String declared) {
        FieldViolation violation = new FieldViolation("Content-Length", "must be a number of bytes, not '"
                + QueryParams.echo(declared) + "'");
        return new Problem(ProblemMappers.TYPE_INVALID, "Invalid request header", 400, violation.field() + ": "
                + violation.message(), ctx.request().path(), List.of(violation));
    }

    /** Answers without reading the body and closes the connection: the unread body would pass for a request. */
    private static void reject(RoutingContext ctx, Problem problem) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.response().endHandler(v -> ctx.request().connection().close());
        write(ctx, problem);
    }

    private static void write(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.write(problem));
    }
}
