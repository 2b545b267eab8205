package dev.ratchet.runtime.redis;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

/**
 * Which events a consumer has finished handling. A handler checks first and marks last, after its own effects are
 * stored and published: a crash in between means the event is handled again, which the handlers' own idempotence
 * (deterministic event ids, conditional state changes) makes harmless; a redelivery after the mark changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** Long enough to outlive any redelivery (consumer group offsets are committed within seconds). */
    static final Duration RETENTION = Duration.ofDays(7);

    private final RedisDataSource redis;

    ProcessedEvents(RedisDataSource redis) {
        this.redis = redis;
    }

    public boolean isProcessed(String consumer, UUID eventId) {
        return redis.key().exists(RedisKeys.processed(consumer, eventId.toString()));
    }

    public void markProcessed(String consumer, UUID eventId) {
        redis.value(String.class).set(RedisKeys.processed(consumer, eventId.toString()), "1",
                new SetArgs().ex(RETENTION));
    }
}
