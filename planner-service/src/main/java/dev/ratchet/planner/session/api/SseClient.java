package dev.ratchet.planner.session.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import dev.ratchet.core.json.Json;
import dev.ratchet.runtime.redis.ProgressLog;

/**
 * One client's event stream: its backlog first, then the live entries the {@link ProgressTail} hands it, one SSE
 * event each ({@code id:} the stream entry id, {@code event:} the progress type, {@code data:} the entry as JSON),
 * a comment line when it has been idle, and the end after the session's terminal entry.
 *
 * <p>One event is written at a time, the next when the last is written out, so a slow client holds its entries
 * here, not in the connection's buffers; one that falls a whole stream behind is closed and resumes with
 * {@code Last-Event-ID}. Closing always runs on {@code closer}, never under this client's lock: it takes the
 * tail's lock and the sink's, and the sink calls back into here when it closes.
 */
final class SseClient implements ProgressTail.Follower {

    private static final ProgressLog.Entry HEARTBEAT = new ProgressLog.Entry(null, null);
    private static final Logger LOG = Logger.getLogger(SseClient.class);

    private final String sessionId;
    private final SseEventSink sink;
    private final Sse sse;
    private final long maxQueued;
    private final Executor closer;
    private final Deque<ProgressLog.Entry> queue = new ArrayDeque<>();
    private final List<Runnable> onClose = new ArrayList<>();
    private List<ProgressLog.Entry> early = new ArrayList<>();
    private StreamCursor lastSent;
    private boolean endWhenDrained;
    private boolean sending;
    private boolean pumping;
    private boolean ending;
    private boolean closed;

    /**
     * @param after the last entry the client has, nothing up to it is sent
     * @param maxQueued how many entries may wait for a slow client before it is closed
     * @param closer where the stream is closed
     */
    SseClient(String sessionId, StreamCursor after, SseEventSink sink, Sse sse, long maxQueued, Executor closer) {
        this.sessionId = sessionId;
        this.lastSent = after;
        this.sink = sink;
        this.sse = sse;
        this.maxQueued = maxQueued;
        this.closer = closer;
    }

    /** Runs when the stream ends, whoever ends it (at once if it already has). */
    void onClose(Runnable action) {
        synchronized (this) {
            if (!closed) {
                onClose.add(action);
                return;
            }
        }
        action.run();
    }

    /** Entries read from the stream before going live, in order. */
    synchronized void backlog(List<ProgressLog.Entry> entries) {
        queue.addAll(entries);
        pump();
    }

    /**
     * The backlog is all queued: live entries that came meanwhile follow it.
     *
     * @param end close once everything queued is written (the session already ended)
     */
    synchronized void live(boolean end) {
        queue.addAll(early);
        early = null;
        endWhenDrained = end;
        pump();
    }

    @Override
    public synchronized void deliver(List<ProgressLog.Entry> entries) {
        if (ending || closed) {
            return;
        }
        if (early != null) {
            early.addAll(entries);
        } else {
            queue.addAll(entries);
        }
        if (queue.size() + (early == null ? 0 : early.size()) > maxQueued) {
            LOG.infof("closing an event stream of session %s: %d entries behind; it resumes with Last-Event-ID",
                    sessionId, queue.size());
            end();
            return;
        }
        pump();
    }

    /** A comment line, when nothing else is being written. */
    synchronized void heartbeat() {
        if (!ending && !closed && !sending && queue.isEmpty()) {
            queue.add(HEARTBEAT);
            pump();
        }
    }

    /** Ends the stream; safe to call more than once, from any thread that holds no client's lock. */
    void close() {
        if (discard()) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing an event stream of session %s: %s", sessionId, e);
            }
        }
    }

    /**
     * Stops the stream without touching the connection (when opening it failed and the request answers with a
     * problem instead).
     *
     * @return false when it had already stopped
     */
    boolean discard() {
        List<Runnable> actions;
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            queue.clear();
            actions = List.copyOf(onClose);
        }
        actions.forEach(Runnable::run);
        return true;
    }

    /** Asks for {@link #close} from under the lock: it runs on the closer, after the lock is released. */
    private void end() {
        if (!ending) {
            ending = true;
            closer.execute(this::close);
        }
    }

    /** Writes the next entry if none is being written; loops instead of recursing when a write completes at once. */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!sending && !ending && !closed) {
                ProgressLog.Entry next = queue.poll();
                if (next == null) {
                    if (endWhenDrained && early == null) {
                        end();
                    }
                    return;
                }
                if (next == HEARTBEAT || StreamCursor.of(next.id()).after(lastSent)) {
                    send(next);
                }
            }
        } finally {
            pumping = false;
        }
    }

    private void send(ProgressLog.Entry entry) {
        if (sink.isClosed()) {
            end();
            return;
        }
        sending = true;
        CompletionStage<?> written;
        try {
            written = sink.send(event(entry));
        } catch (IllegalStateException e) {
            sending = false;
            end();
            return;
        }
        written.whenComplete((ok, failure) -> written(entry, failure));
    }

    private synchronized void written(ProgressLog.Entry entry, Throwable failure) {
        sending = false;
        if (failure != null) {
            LOG.debugf("an event stream of session %s failed: %s", sessionId, failure);
            end();
            return;
        }
        if (entry != HEARTBEAT) {
            lastSent = StreamCursor.of(entry.id());
            if (entry.progress().terminal()) {
                end();
                return;
            }
        }
        pump();
    }

    private OutboundSseEvent event(ProgressLog.Entry entry) {
        if (entry == HEARTBEAT) {
            return sse.newEventBuilder().comment("heartbeat").build();
        }
        return sse.newEventBuilder().id(entry.id()).name(entry.progress().type())
                .data(String.class, Json.write(entry.progress())).build();
    }
}
