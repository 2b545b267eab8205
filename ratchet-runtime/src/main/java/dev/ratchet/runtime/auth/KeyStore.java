package dev.ratchet.runtime.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.KeyHash;
import dev.ratchet.core.auth.Role;
import dev.ratchet.core.auth.StoredKey;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * API keys in Redis: one hash per key ({@link StoredKey}, never the secret) and the set of key ids. Every request
 * reads its key here, so a revoked key (its hash deleted) is refused from the next call on; there is no cache to
 * outlive a revocation.
 */
@ApplicationScoped
public class KeyStore {

    /** Records the last use only while the key exists: a call racing its revocation must not bring back a stub. */
    private static final String TOUCH = "if redis.call('EXISTS', KEYS[1]) == 1 then "
            + "redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1]) end return 0";

    /** A key created now, with the token its holder sends; the token is not kept anywhere. */
    public record Issued(StoredKey key, String token) {
    }

    private final RedisDataSource redis;
    private final SecureRandom random = new SecureRandom();

    KeyStore(RedisDataSource redis) {
        this.redis = redis;
    }

    public Issued create(String team, Role role) {
        ApiKey key = ApiKey.generate(random);
        return new Issued(store(key, team, role), key.token());
    }

    /** Stores {@code key} unless a key with its id exists already; true when it was stored now. */
    public boolean register(ApiKey key, String team, Role role) {
        if (redis.key().exists(RedisKeys.apiKey(key.id()))) {
            return false;
        }
        store(key, team, role);
        return true;
    }

    public Optional<StoredKey> find(String id) {
        Map<String, String> fields = redis.hash(String.class).hgetall(RedisKeys.apiKey(id));
        return fields.containsKey("hash") ? Optional.of(StoredKey.fromFields(fields)) : Optional.empty();
    }

    /** Oldest first. */
    public List<StoredKey> all() {
        return redis.set(String.class).smembers(RedisKeys.API_KEYS).stream().map(this::find)
                .flatMap(Optional::stream).sorted(Comparator.comparing(StoredKey::createdAt)).toList();
    }

    /** @return false when there was no such key */
    public boolean revoke(String id) {
        boolean existed = redis.key().del(RedisKeys.apiKey(id)) > 0;
        redis.set(String.class).srem(RedisKeys.API_KEYS, id);
        return existed;
    }

    public void touch(String id, Instant at) {
        redis.execute("EVAL", TOUCH, "1", RedisKeys.apiKey(id), at.toString());
    }

    private StoredKey store(ApiKey key, String team, Role role) {
        StoredKey stored = StoredKey.of(key, team, role, KeyHash.salt(random), Instant.now());
        redis.withTransaction(tx -> {
            tx.hash(String.class).hset(RedisKeys.apiKey(key.id()), stored.fields());
            tx.set(String.class).sadd(RedisKeys.API_KEYS, key.id());
        });
        return stored;
    }
}
