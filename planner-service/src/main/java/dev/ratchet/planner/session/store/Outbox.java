package dev.ratchet.planner.session.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;

/**
 * Decided events not yet acknowledged by the broker (a transactional outbox): stored in the same transaction as the
 * decision, removed once sent. A planner killed between the two leaves them here, and the reaper sends them: the
 * first step of a plan is never lost because the planner died right after storing the plan.
 */
@ApplicationScoped
public class Outbox {

    private static final String DONE = """
            redis.call('HDEL', KEYS[1], ARGV[1])
            if redis.call('HLEN', KEYS[1]) == 0 then
              redis.call('ZREM', KEYS[2], ARGV[2])
            end
            return 1
            """;

    private final RedisDataSource redis;

    Outbox(RedisDataSource redis) {
        this.redis = redis;
    }

    void add(TransactionalRedisDataSource tx, Session stored, List<RatchetEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String[] encoded = events.stream().map(EventCodec::encodeStored).toArray(String[]::new);
        tx.hash(String.class).hset(RedisKeys.outbox(stored.id()), Long.toString(stored.version()),
                Json.write(encoded));
        tx.sortedSet(String.class).zadd(RedisKeys.OUTBOX, stored.updatedAt().toEpochMilli(), stored.id());
    }

    /** The events of {@code version} were acknowledged by the broker. */
    public void sent(String sessionId, long version) {
        redis.execute("EVAL", DONE, "2", RedisKeys.outbox(sessionId), RedisKeys.OUTBOX, Long.toString(version),
                sessionId);
    }

    /** Sessions whose events have waited since before {@code before}. */
    public List<String> waitingSince(Instant before, int limit) {
        return redis.sortedSet(String.class).zrangebyscore(RedisKeys.OUTBOX,
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) before.toEpochMilli()),
                new ZRangeArgs().limit(0, limit));
    }

    /** A session's unsent events by the session version that decided them, oldest first. */
    public Map<Long, List<RatchetEvent>> unsent(String sessionId) {
        Map<Long, List<RatchetEvent>> byVersion = new TreeMap<>();
        redis.hash(String.class).hgetall(RedisKeys.outbox(sessionId)).forEach((version, json) -> {
            List<RatchetEvent> events = new ArrayList<>();
            Arrays.stream(Json.read(json, String[].class)).map(EventCodec::decodeStored).forEach(events::add);
            byVersion.put(Long.parseLong(version), events);
        });
        return byVersion;
    }
}
