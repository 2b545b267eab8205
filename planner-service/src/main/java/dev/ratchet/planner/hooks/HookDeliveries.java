package dev.ratchet.planner.hooks;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

/**
 * Deliveries that started a session, by their Redis key: a GitHub delivery by {@code X-GitHub-Delivery}
 * ({@link RedisKeys#githubDelivery}), a CloudEvent by its {@code source} and {@code id}
 * ({@link RedisKeys#cloudEvent}). A redelivery (GitHub's "Redeliver" button, a CI system's retry after a timeout)
 * starts nothing. Kept 7 days, more than the 3 days GitHub keeps deliveries to redeliver.
 */
@ApplicationScoped
public class HookDeliveries {

    static final Duration KEEP = Duration.ofDays(7);
    private static final String PENDING = "pending";

    private final RedisDataSource redis;

    HookDeliveries(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Claims the delivery; empty when this call claimed it, else what the first claim recorded (a session id). */
    public Optional<String> claim(String key) {
        // SET NX answers nil when the key exists (SET NX GET would say what it holds, but needs Redis 7).
        if (redis.execute("SET", key, PENDING, "NX", "EX", Long.toString(KEEP.toSeconds())) != null) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(redis.value(String.class).get(key)).orElse(PENDING));
    }

    public void started(String key, String sessionId) {
        redis.value(String.class).set(key, sessionId, new SetArgs().ex(KEEP));
    }

    /** Gives a claim up when its session could not be started, so that a redelivery may try again. */
    public void release(String key) {
        redis.key().del(key);
    }
}
