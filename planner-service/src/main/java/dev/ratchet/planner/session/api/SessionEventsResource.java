package dev.ratchet.planner.session.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A session's progress as Server-Sent Events: {@code curl -N .../api/v1/sessions/{id}/events}. Each event's
 * {@code id} is its progress stream entry id; a client resumes after it with the {@code Last-Event-ID} header
 * (what {@code EventSource} sends when it reconnects) or the {@code after} query parameter. The stream ends after
 * the session's terminal event.
 */
@Path("/api/v1/sessions/{id}/events")
@Tag(name = "Sessions")
public class SessionEventsResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final SessionLookup sessions;
    private final EventStreams streams;

    SessionEventsResource(SessionLookup sessions, EventStreams streams) {
        this.sessions = sessions;
        this.streams = streams;
    }

    /** {@code Last-Event-ID} wins over {@code after}: a reconnecting client's header is newer than its URL. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow a session live", description = "Server-Sent Events, one per progress entry (its"
            + " id is the stream entry id), from the start or after Last-Event-ID (or ?after=); the stream ends"
            + " after the session's terminal event.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, example = "id: 1767139200123-0\nevent: step.verified\n"
                    + "data: {\"type\": \"step.verified\", \"stepId\": \"s1\", \"attempt\": 1, \"message\":"
                    + " \"unit-tests passed\", \"at\": \"2026-11-30T10:00:00Z\"}\n\n"))
    public void events(
            @Parameter(description = SessionLookup.ID, example = SessionLookup.ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "Resume after this event (what EventSource sends on reconnect)",
                    example = "1767139200123-0") @HeaderParam(LAST_EVENT_ID) String lastEventId,
            @Parameter(description = "Resume after this event, when no Last-Event-ID is sent",
                    example = "1767139200123-0") @QueryParam("after") String after,
            @Context SseEventSink sink, @Context Sse sse) {
        SessionLookup.checkId(id);
        StreamCursor from = lastEventId != null ? StreamCursor.parse(LAST_EVENT_ID, lastEventId)
                : after != null ? StreamCursor.parse("after", after) : StreamCursor.START;
        streams.open(sessions.require(id), from, sink, sse);
    }
}
