package dev.ratchet.workspace.verify;

import java.util.Optional;

/** The verification cache: a check's result by {@code dev.ratchet.core.checks.VerifyCacheKey}. */
public interface CheckCache {

    /** A cache that remembers nothing. */
    CheckCache NONE = new CheckCache() {
        @Override
        public Optional<CachedCheck> find(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, CachedCheck check) {
        }
    };

    Optional<CachedCheck> find(String key);

    void put(String key, CachedCheck check);
}
