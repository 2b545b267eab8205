package dev.ratchet.runtime.redis;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.session.Session;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.core.store.SessionHash;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Sessions as the planner stored them, for the services that act on them: where a step runs, what it may change
 * and which checks judge it come from here, never from the event that asked for the work.
 */
@ApplicationScoped
public class SessionReader {

    private final RedisDataSource redis;

    SessionReader(RedisDataSource redis) {
        this.redis = redis;
    }

    public Optional<Session> find(String id) {
        Map<String, String> fields = redis.hash(String.class).hgetall(RedisKeys.session(id));
        return fields.isEmpty() ? Optional.empty() : Optional.of(SessionHash.session(fields));
    }
}
