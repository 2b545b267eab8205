package dev.ratchet.planner.hooks;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.session.Session;
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

    /**
     * What the delivery at {@code key} started.
     *
     * @param session its id
     * @param started true when this call started it, false when an earlier delivery did
     */
    public record Once(String session, boolean started) {
    }

    /**
     * Starts a session for the delivery at {@code key} unless one was started for it before: the claim is given up
     * when {@code start} throws, so that the delivery sent again may try again.
     */
    public Once startOnce(String key, Supplier<Session> start) {
        Optional<String> earlier = claim(key);
        if (earlier.isPresent()) {
            return new Once(earlier.get(), false);
        }
        Session session;
        try {
            session = start.get();
        } catch (RuntimeException e) {
            redis.key().del(key);
            throw e;
        }
        redis.value(String.class).set(key, session.id(), new SetArgs().ex(KEEP));
        return new Once(session.id(), true);
    }

    /** Claims the delivery; empty when this call claimed it, else what the first claim recorded (a session id). */
    private Optional<String> claim(String key) {
        // SET NX answers nil when the key exists (SET NX GET would say what it holds, but needs Redis 7).
        if (redis.execute("SET", key, PENDING, "NX", "EX", Long.toString(KEEP.toSeconds())) != null) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(redis.value(String.class).get(key)).orElse(PENDING));
    }
}
