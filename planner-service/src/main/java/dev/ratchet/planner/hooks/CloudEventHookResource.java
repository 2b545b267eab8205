package dev.ratchet.planner.hooks;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.hooks.CiEvent;
import dev.ratchet.core.hooks.CiEvents;
import dev.ratchet.core.hooks.PayloadException;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.ProblemMappers;

/**
 * {@code POST /hooks/cloudevents}: a CloudEvent from any CI system (GitLab, Jenkins, Tekton, Argo Events), in the
 * HTTP structured or binary mode, sent with the team's API key. Core {@link CiEvents} reads and checks it (400
 * naming the attribute); {@link CiEventSessions} starts its session once, on a mapped repository that must be the
 * caller's team's (403).
 */
@Path("/hooks/cloudevents")
@Tag(name = "Webhooks", description = "CI triggers: GitHub's signed webhook; other CI systems' CloudEvents, with an API key")
@Produces(MediaType.APPLICATION_JSON)
public class CloudEventHookResource {

    /** What the hook did with an event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String status, String id, String reason, String session) {
    }

    private final CiEventSessions starts;
    private final CurrentCaller caller;

    CloudEventHookResource(CiEventSessions starts, CurrentCaller caller) {
        this.starts = starts;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive a CI system's CloudEvent", description = "CloudEvents 1.0 in HTTP structured"
            + " mode (Content-Type: application/cloudevents+json) or binary mode (ce-* headers, the body is data),"
            + " with the team's API key. A type mapped by ratchet.hooks.cloudevents.types starts a session on the"
            + " mapped repository (201); the same source and id again answers duplicate (200); an unmapped type or"
            + " repository is ignored with the reason (202); a broken rule is a 400 naming the attribute; batches"
            + " are a 415.")
    @APIResponse(responseCode = "201", description = "A session started", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "200", description = "The same event was handled already", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "202", description = "Ignored, with the reason", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "400", description = "Not a valid CloudEvent, or lacking what its template reads")
    @APIResponse(responseCode = "403", description = "The mapped repository belongs to another team")
    @APIResponse(responseCode = "415", description = "A batch, or neither mode")
    public Response receive(@RequestBody(required = true, content = @Content(mediaType = CiEvents.STRUCTURED,
            examples = @ExampleObject(name = "GitLab pipeline failed", value = "{\"specversion\": \"1.0\", \"id\":"
                    + " \"981\", \"source\": \"https://gitlab.example.com/acme/app\", \"type\":"
                    + " \"com.gitlab.pipeline.failed\", \"subject\": \"acme/app\", \"data\": {\"ref\": \"main\"}}")))
            byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        CiEvent event;
        try {
            event = read(headers, body == null ? new byte[0] : body);
        } catch (PayloadException e) {
            throw ProblemException.invalid("Invalid CloudEvent", List.of(new FieldViolation(e.field(),
                    e.reason())));
        }
        CiEventSessions.Outcome outcome;
        try {
            outcome = starts.start(event, (team, repository) -> caller.requireAccess(team, "repository "
                    + repository));
        } catch (PayloadException e) {
            throw ProblemException.invalid("CloudEvent lacks what its template reads", List.of(
                    new FieldViolation(e.field(), e.reason())));
        }
        Answer answer = new Answer(outcome.result().name().toLowerCase(Locale.ROOT), event.id(), outcome.reason(),
                outcome.session());
        switch (outcome.result()) {
            case STARTED:
                return Response.created(uri.getBaseUriBuilder().path("api/v1/sessions").path(outcome.session())
                        .build()).entity(answer).build();
            case DUPLICATE:
                return Response.ok(answer).build();
            default:
                return Response.accepted(answer).build();
        }
    }

    private static CiEvent read(HttpHeaders headers, byte[] body) {
        MediaType type = headers.getMediaType();
        String contentType = type == null ? null : type.getType() + "/" + type.getSubtype();
        if (CiEvents.BATCH.equalsIgnoreCase(contentType)) {
            throw unsupported("batched CloudEvents are not taken: send each event on its own");
        }
        if (CiEvents.STRUCTURED.equalsIgnoreCase(contentType)) {
            return CiEvents.structured(body);
        }
        Map<String, String> single = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> single.put(name.toLowerCase(Locale.ROOT),
                values.isEmpty() ? "" : values.get(0)));
        if (!CiEvents.isBinary(single)) {
            throw unsupported("send a CloudEvent in structured mode (Content-Type: " + CiEvents.STRUCTURED
                    + ") or in binary mode (ce-specversion, ce-id, ce-source, ce-type headers)");
        }
        return CiEvents.binary(single, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(415, ProblemMappers.TYPE_MEDIA_TYPE, "Unsupported Media Type", detail,
                List.of());
    }
}
