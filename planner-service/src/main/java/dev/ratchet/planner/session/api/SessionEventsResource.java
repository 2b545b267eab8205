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

/**
 * A session's progress as Server-Sent Events: {@code curl -N .../api/v1/sessions/{id}/events}. Each event's
 * {@code id} is its progress stream entry id; a client resumes after it with the {@code Last-Event-ID} header
 * (what {@code EventSource} sends when it reconnects) or the {@code after} query parameter. The stream ends after
 * the session's terminal event.
 */
@Path("/api/v1/sessions/{id}/events")
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
    public void events(@PathParam("id") String id, @HeaderParam(LAST_EVENT_ID) String lastEventId,
            @QueryParam("after") String after, @Context SseEventSink sink, @Context Sse sse) {
        SessionLookup.checkId(id);
        StreamCursor from = lastEventId != null ? StreamCursor.parse(LAST_EVENT_ID, lastEventId)
                : after != null ? StreamCursor.parse("after", after) : StreamCursor.START;
        streams.open(sessions.require(id), from, sink, sse);
    }
}
