package dev.ratchet.planner.session.api;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import dev.ratchet.core.session.Session;
import dev.ratchet.runtime.redis.ProgressLog;

/**
 * Opens a session's event stream for one client: reads the backlog after the client's cursor with short
 * {@code XRANGE}s on the shared pool, and, unless the session already ended, joins the {@link ProgressTail} for
 * what comes later. One scheduler thread sends every client's heartbeats.
 */
@ApplicationScoped
public class EventStreams {

    /** Entries per backlog read. */
    private static final int PAGE = 500;

    private final ProgressLog log;
    private final ProgressTail tail;
    private final long heartbeatMs;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ratchet-sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    EventStreams(ProgressLog log, ProgressTail tail, ApiConfig config) {
        this.log = log;
        this.tail = tail;
        this.heartbeatMs = Math.max(1, config.sseHeartbeat().toMillis());
    }

    /** Streams the session's entries after {@code after} to {@code sink} until its terminal entry. */
    public void open(Session session, StreamCursor after, SseEventSink sink, Sse sse) {
        String id = session.id();
        // A whole stream of backlog plus as much again arriving live may wait; a client further behind is closed.
        SseClient client = new SseClient(id, after, sink, sse, 2 * log.maxEntries(), scheduler);
        // The sink reports a client that went away through a broadcaster.
        SseBroadcaster disconnects = sse.newBroadcaster();
        disconnects.onClose(s -> scheduler.execute(client::close));
        disconnects.register(sink);
        ScheduledFuture<?> heartbeat = scheduler.scheduleAtFixedRate(client::heartbeat, heartbeatMs, heartbeatMs,
                TimeUnit.MILLISECONDS);
        client.onClose(() -> heartbeat.cancel(false));
        try {
            boolean ended = session.status().terminal();
            String through = "+";
            if (!ended) {
                StreamCursor last = log.lastId(id).map(StreamCursor::of).orElse(StreamCursor.START);
                StreamCursor live = tail.follow(id, last, client);
                client.onClose(() -> tail.unfollow(id, client));
                through = live.toString();
            }
            backlog(client, id, after, through);
            client.live(ended);
        } catch (RuntimeException e) {
            client.discard();
            throw e;
        }
    }

    /** Queues the entries after {@code after} up to {@code through}, a page at a time. */
    private void backlog(SseClient client, String id, StreamCursor after, String through) {
        StreamCursor from = after;
        List<ProgressLog.Entry> page;
        do {
            if (from.equals(StreamCursor.MAX)) {
                return;
            }
            page = log.range(id, from.toString(), through, PAGE);
            client.backlog(page);
            if (!page.isEmpty()) {
                from = StreamCursor.of(page.get(page.size() - 1).id());
            }
        } while (page.size() == PAGE);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
