package dev.ratchet.runtime.redis;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * What a service answered, stored once per question before the answer is sent: the answer to the same question is
 * always the stored one. A redelivered request, a reaper's resend or a second instance that raced for the same work
 * re-sends exactly what was decided, so one event id never carries two contents.
 */
@ApplicationScoped
public class Outcomes {

    private final RedisDataSource redis;

    Outcomes(RedisDataSource redis) {
        this.redis = redis;
    }

    /** The answer stored for {@code field} (e.g. {@code executor:<request id>}), if any. */
    public Optional<RatchetEvent> find(String sessionId, String field) {
        return Optional.ofNullable(redis.hash(String.class).hget(RedisKeys.outcomes(sessionId), field))
                .map(EventCodec::decodeStored);
    }

    public boolean exists(String sessionId, String field) {
        return redis.hash(String.class).hexists(RedisKeys.outcomes(sessionId), field);
    }

    /**
     * Stores {@code answer} unless an answer is stored already.
     *
     * @return the answer that is stored now: {@code answer}, or the one that got there first
     */
    public RatchetEvent storeOnce(String sessionId, String field, RatchetEvent answer) {
        if (redis.hash(String.class).hsetnx(RedisKeys.outcomes(sessionId), field, EventCodec.encodeStored(answer))) {
            return answer;
        }
        return find(sessionId, field).orElse(answer);
    }
}
