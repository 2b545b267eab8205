package dev.ratchet.planner.limits;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.ProblemException;

/**
 * Every {@code /api/} call counts against its team's request rate ({@link RequestRate}); the one over the limit is
 * a 429 with {@code Retry-After}. Runs after the key check ({@code ApiKeyFilter}, priority {@code USER}), so only
 * authenticated calls count and a stranger cannot use up a team's requests.
 */
public class RateLimitFilter {

    private static final String PREFIX = "/api/";

    private final RequestRate rate;
    private final CurrentCaller caller;

    RateLimitFilter(RequestRate rate, CurrentCaller caller) {
        this.rate = rate;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void limit(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith(PREFIX)) {
            return;
        }
        String team = caller.get().team();
        rate.count(team).ifPresent(r -> {
            throw ProblemException.tooManyRequests(r.detail(), r.retryAfterSeconds());
        });
    }
}
