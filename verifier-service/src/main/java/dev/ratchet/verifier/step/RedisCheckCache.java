package dev.ratchet.verifier.step;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.workspace.verify.CachedCheck;
import dev.ratchet.workspace.verify.CheckCache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

/**
 * The verification cache in Redis: {@code ratchet:verify-cache:<key>} holds one check's result as JSON for
 * {@code ratchet.verifier.cache-ttl}, shared by every verifier and session.
 */
@ApplicationScoped
class RedisCheckCache implements CheckCache {

    private static final Logger LOG = Logger.getLogger(RedisCheckCache.class);

    private final RedisDataSource redis;
    private final Duration ttl;

    RedisCheckCache(RedisDataSource redis, VerifierConfig config) {
        this.redis = redis;
        this.ttl = config.cacheTtl();
    }

    @Override
    public Optional<CachedCheck> find(String key) {
        String json = redis.value(String.class).get(RedisKeys.verifyCache(key));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(json, CachedCheck.class));
        } catch (IllegalArgumentException e) {
            // Unreadable (written by another version): checking again is always correct.
            LOG.warnf("verification cache entry %s is unreadable, checking again: %s", key, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, CachedCheck check) {
        redis.value(String.class).set(RedisKeys.verifyCache(key), Json.write(check), new SetArgs().ex(ttl));
    }
}
