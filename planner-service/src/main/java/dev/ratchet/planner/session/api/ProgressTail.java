package dev.ratchet.planner.session.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.runtime.redis.ProgressLog;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Follows the progress streams that live event streams watch, for the whole planner, on one thread and one Redis
 * connection of its own: a single {@code XREAD BLOCK} covers every followed stream and its entries are handed to
 * each follower. Blocked reads never touch the pool the Kafka consumers and the rest of the service share, and
 * clients cost no connections: 1000 followers on 300 sessions still hold one.
 *
 * <p>The connection comes from the {@code progress-tail} Redis client ({@code quarkus.redis.progress-tail.*}, a
 * pool of 2): one for the tail, one for waking it ({@code CLIENT UNBLOCK}) when a new stream must join the read,
 * and for the health check.
 *
 * <p>Nothing is lost between a follower's backlog and its live entries: each stream has one cursor, moved only
 * while its entries are handed out, and {@link #follow} returns the cursor the follower joined at: entries up to
 * it are the follower's to read, later ones come from here.
 */
@ApplicationScoped
public class ProgressTail {

    /** Takes the entries of one followed stream, in order; called on the tail thread, so it must not block. */
    public interface Follower {
        void deliver(List<ProgressLog.Entry> entries);
    }

    static final String CLIENT = "progress-tail";
    /**
     * One read's longest wait. Under the Redis client's 10 s command timeout; it also bounds how late a new
     * stream's first live entry can be when its wake-up reaches Redis just before the read does.
     */
    private static final Duration BLOCK = Duration.ofSeconds(1);
    /** Entries per stream per read; a stream with more is read again at once. */
    private static final int BATCH = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ProgressTail.class);

    private final RedisDataSource redis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Followed> streams = new HashMap<>();
    private Thread thread;
    private boolean running = true;
    private volatile long connectionId = -1;

    ProgressTail(@RedisClientName(CLIENT) RedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Hands {@code follower} the session's entries after the returned cursor until {@link #unfollow}.
     *
     * @param last the stream's newest entry id: where the tail starts if nobody follows the session yet
     * @return the cursor live delivery starts after
     */
    public StreamCursor follow(String sessionId, StreamCursor last, Follower follower) {
        boolean joined;
        StreamCursor from;
        lock.lock();
        try {
            Followed followed = streams.get(sessionId);
            joined = followed == null;
            if (joined) {
                followed = new Followed(last);
                streams.put(sessionId, followed);
            }
            followed.followers.add(follower);
            from = followed.cursor;
            startOnce();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (joined) {
            wake();
        }
        return from;
    }

    public void unfollow(String sessionId, Follower follower) {
        lock.lock();
        try {
            Followed followed = streams.get(sessionId);
            if (followed != null && followed.followers.remove(follower) && followed.followers.isEmpty()) {
                streams.remove(sessionId);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many streams the tail reads; the tests check that departed clients leave none behind. */
    public int followedStreams() {
        lock.lock();
        try {
            return streams.size();
        } finally {
            lock.unlock();
        }
    }

    @PreDestroy
    void stop() {
        Thread stopping;
        lock.lock();
        try {
            running = false;
            changed.signalAll();
            stopping = thread;
        } finally {
            lock.unlock();
        }
        if (stopping != null) {
            wake();
            try {
                stopping.join(BLOCK.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startOnce() {
        if (thread == null && running) {
            thread = new Thread(this::run, "ratchet-progress-tail");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (isRunning()) {
            try {
                redis.withConnection(connection -> {
                    connectionId = connection.execute("CLIENT", "ID").toLong();
                    while (isRunning()) {
                        readOnce(connection);
                    }
                });
            } catch (RuntimeException e) {
                connectionId = -1;
                if (isRunning()) {
                    LOG.warnf("progress tail lost its Redis connection (%s); live event streams wait, reconnecting "
                            + "in %s", e.toString(), RECONNECT_PAUSE);
                    pause();
                }
            }
        }
    }

    private void readOnce(RedisDataSource connection) {
        Map<String, String> cursors = awaitFollowed();
        if (cursors.isEmpty()) {
            return;
        }
        Map<String, List<ProgressLog.Entry>> read = ProgressLog.follow(connection, cursors, BLOCK, BATCH);
        List<Runnable> deliveries = new ArrayList<>();
        lock.lock();
        try {
            read.forEach((sessionId, entries) -> {
                Followed followed = streams.get(sessionId);
                if (followed == null) {
                    return;
                }
                List<ProgressLog.Entry> fresh = entries.stream()
                        .filter(e -> StreamCursor.of(e.id()).after(followed.cursor)).toList();
                if (!fresh.isEmpty()) {
                    followed.cursor = StreamCursor.of(fresh.get(fresh.size() - 1).id());
                    List<Follower> followers = List.copyOf(followed.followers);
                    deliveries.add(() -> followers.forEach(f -> f.deliver(fresh)));
                }
            });
        } finally {
            lock.unlock();
        }
        // Outside the lock: a follower that closes while taking entries unfollows, which takes the lock.
        deliveries.forEach(Runnable::run);
    }

    /** The cursors to read after, once there is anything to follow; empty when stopping. */
    private Map<String, String> awaitFollowed() {
        lock.lock();
        try {
            while (running && streams.isEmpty()) {
                changed.awaitUninterruptibly();
            }
            Map<String, String> cursors = new HashMap<>();
            if (running) {
                streams.forEach((id, followed) -> cursors.put(id, followed.cursor.toString()));
            }
            return cursors;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the tail's current read early, so a stream that just joined is read at once. */
    private void wake() {
        long id = connectionId;
        if (id < 0) {
            return;
        }
        try {
            redis.execute("CLIENT", "UNBLOCK", Long.toString(id));
        } catch (RuntimeException e) {
            LOG.debugf("could not wake the progress tail (%s); it reads the new stream within %s", e, BLOCK);
        }
    }

    private boolean isRunning() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void pause() {
        lock.lock();
        try {
            if (running) {
                changed.await(RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** One followed stream: where the tail has read to, and who gets what comes next. */
    private static final class Followed {
        StreamCursor cursor;
        final Set<Follower> followers = new LinkedHashSet<>();

        Followed(StreamCursor cursor) {
            this.cursor = cursor;
        }
    }
}
