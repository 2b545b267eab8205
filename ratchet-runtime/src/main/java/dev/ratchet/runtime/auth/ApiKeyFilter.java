package dev.ratchet.runtime.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.StoredKey;
import dev.ratchet.runtime.rest.Problem;
import dev.ratchet.runtime.rest.ProblemMappers;

/**
 * Every route under {@code /api/} needs {@code Authorization: Bearer <key>}, and so does {@code /hooks/cloudevents}
 * (a CI system starts sessions with its team's key; GitHub's hook is signed instead); health, metrics and the
 * OpenAPI document stay open. A missing, malformed, unknown or revoked key gets a 401 problem with
 * {@code WWW-Authenticate: Bearer}, the same for each so that the answer does not tell which ids exist. The
 * filter runs on the endpoint's own (worker) thread, so the Redis lookup may block.
 */
public class ApiKeyFilter {

    static final String PREFIX = "/api/";
    static final String CLOUD_EVENTS_HOOK = "/hooks/cloudevents";
    private static final String SCHEME = "Bearer ";

    private final KeyStore keys;
    private final CurrentCaller current;

    ApiKeyFilter(KeyStore keys, CurrentCaller current) {
        this.keys = keys;
        this.current = current;
    }

    /** @return null to go on to the endpoint, else the 401 */
    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith(PREFIX) && !path.equals(CLOUD_EVENTS_HOOK)) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return unauthorized(path, "send Authorization: Bearer <key>");
        }
        if (header.length() < SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return unauthorized(path, "the Authorization header must use the Bearer scheme: Bearer <key>");
        }
        Optional<ApiKey> key = ApiKey.parse(header.substring(SCHEME.length()).strip());
        Optional<StoredKey> stored = key.flatMap(k -> keys.find(k.id())).filter(s -> s.admits(key.get()));
        if (stored.isEmpty()) {
            return unauthorized(path, "the key is unknown or revoked");
        }
        current.set(stored.get().caller());
        // One small write per call; it is what lets an admin see which keys are still in use before revoking.
        keys.touch(stored.get().id(), Instant.now());
        return null;
    }

    private static Response unauthorized(String path, String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ratchet\"")
                .entity(new Problem(ProblemMappers.TYPE_UNAUTHORIZED, "Unauthorized", 401, detail, path, List.of()))
                .build();
    }
}
