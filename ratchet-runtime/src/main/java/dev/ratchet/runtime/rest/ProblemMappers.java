package dev.ratchet.runtime.rest;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.ratchet.core.session.FieldViolation;

/**
 * Every error a client can cause comes back as {@code application/problem+json} naming what to fix; malformed JSON
 * names the field where parsing stopped. What JAX-RS never sees (no route at all, a body over the limit) is
 * answered the same way by {@link ProblemRoutes}.
 */
public class ProblemMappers {

    public static final String TYPE_INVALID = "urn:ratchet:problem:invalid-request";
    public static final String TYPE_NOT_FOUND = "urn:ratchet:problem:not-found";
    public static final String TYPE_TOO_LARGE = "urn:ratchet:problem:too-large";
    public static final String TYPE_CONFLICT = "urn:ratchet:problem:conflict";
    public static final String TYPE_UNPROCESSABLE = "urn:ratchet:problem:unprocessable";
    public static final String TYPE_METHOD = "urn:ratchet:problem:method-not-allowed";
    public static final String TYPE_NOT_ACCEPTABLE = "urn:ratchet:problem:not-acceptable";
    public static final String TYPE_MEDIA_TYPE = "urn:ratchet:problem:unsupported-media-type";
    public static final String TYPE_INTERNAL = "urn:ratchet:problem:internal";
    public static final String TYPE_UNAUTHORIZED = "urn:ratchet:problem:unauthorized";
    public static final String TYPE_FORBIDDEN = "urn:ratchet:problem:forbidden";
    public static final String TYPE_UNAVAILABLE = "urn:ratchet:problem:unavailable";
    public static final String TYPE_TOO_MANY_REQUESTS = "urn:ratchet:problem:too-many-requests";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response answer = respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(), uri.getPath(),
                e.errors()));
        return e.retryAfterSeconds() == 0 ? answer
                : Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String message = e.getOriginalMessage();
        List<FieldViolation> errors = List.of(new FieldViolation(field.isEmpty() ? "body" : field, message));
        return respond(new Problem(TYPE_INVALID, "Malformed request body", 400,
                (field.isEmpty() ? "body" : field) + ": " + message, uri.getPath(), errors));
    }

    /** Quarkus maps this subtype itself (a bare JSON body); ours names the field instead. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(new Problem(TYPE_NOT_FOUND, "Not found", 404, "no resource at " + uri.getPath(),
                uri.getPath(), List.of()));
    }

    /** Quarkus REST does not say which methods the path has, so neither can the answer (no {@code Allow}). */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, ContainerRequestContext request) {
        return respond(new Problem(TYPE_METHOD, "Method not allowed", 405, request.getMethod() + " is not allowed "
                + "on " + path(request), path(request), List.of()));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, ContainerRequestContext request) {
        return respond(new Problem(TYPE_NOT_ACCEPTABLE, "Not acceptable", 406, path(request) + " cannot answer in "
                + "any of the accepted media types (Accept: " + header(request, HttpHeaders.ACCEPT) + ")",
                path(request), List.of()));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, ContainerRequestContext request) {
        return respond(new Problem(TYPE_MEDIA_TYPE, "Unsupported media type", 415, path(request) + " does not "
                + "read Content-Type " + header(request, HttpHeaders.CONTENT_TYPE) + "; send application/json",
                path(request), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        return respond(new Problem("about:blank", e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage(), uri.getPath(), List.of()));
    }

    /** A fault of ours, not the client's: logged with an id that the answer repeats, nothing internal shown. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "error %s answering %s", id, uri.getPath());
        return respond(new Problem(TYPE_INTERNAL, "Internal error", 500, "the service failed to answer; its log "
                + "has the cause under error " + id, uri.getPath(), List.of()));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String path(ContainerRequestContext request) {
        return "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
    }

    private static String header(ContainerRequestContext request, String name) {
        String value = request.getHeaderString(name);
        return value == null ? "none" : QueryParams.echo(value);
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
