package dev.ratchet.planner.skills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import dev.ratchet.planner.session.flow.PlannerConfig;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.ProblemMappers;

/**
 * Sends one of the console's skills calls on to the skills registry ({@code ratchet.planner.skills.url}) with the
 * caller's own key, and answers with what the registry answered (status, type, body), so that its problems reach
 * the page as they are. Bounded: the whole exchange within {@code ratchet.planner.skills.timeout} and an answer of
 * at most {@link #MAX_ANSWER_BYTES}; a registry that is away, slow or too wordy is a 502 problem that says so.
 */
@ApplicationScoped
public class SkillsRegistryCalls {

    /** A page of 200 skill summaries is about 100 KB and a SKILL.md at most a few; 4 MiB is far above both. */
    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final URI registry;
    private final Duration timeout;
    private final HttpClient http;

    SkillsRegistryCalls(PlannerConfig config) {
        this.registry = config.skills().url();
        this.timeout = config.skills().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * {@code GET}, {@code POST} or {@code DELETE} (no body) of {@code pathAndQuery} under the registry, as
     * {@code authorization}.
     */
    public Response send(String method, String pathAndQuery, String authorization) {
        URI uri = registry.resolve(pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request.build(),
                info -> new BoundedBody(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Response.ResponseBuilder out = Response.status(response.statusCode()).entity(response.body());
            response.headers().firstValue("Content-Type").ifPresent(type -> out.type(type));
            return out.build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw away(uri, "the call was interrupted");
        } catch (TimeoutException e) {
            throw away(uri, "no answer within " + timeout.toMillis() + " ms (ratchet.planner.skills.timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw away(uri, cause instanceof IOException && cause.getMessage() != null ? cause.getMessage()
                    : cause.getClass().getSimpleName());
        } finally {
            answer.cancel(true);
        }
    }

    private static ProblemException away(URI uri, String why) {
        return new ProblemException(502, ProblemMappers.TYPE_UNAVAILABLE, "Skills registry unavailable",
                "the skills registry at " + uri.getScheme() + "://" + uri.getAuthority() + " gave no answer: " + why,
                List.of());
    }
}
