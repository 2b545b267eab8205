package dev.ratchet.bench;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ratchet.workspace.verify.CachedCheck;
import dev.ratchet.workspace.verify.CheckCache;

/**
 * The verification cache in this JVM's memory: what the verifier keeps in Redis, without the round trip. The
 * in-process runs use it so that an identical tree is judged once, as in the cluster.
 */
final class MemoryCheckCache implements CheckCache {

    private final Map<String, CachedCheck> checks = new ConcurrentHashMap<>();

    @Override
    public Optional<CachedCheck> find(String key) {
        return Optional.ofNullable(checks.get(key));
    }

    @Override
    public void put(String key, CachedCheck check) {
        checks.put(key, check);
    }
}
