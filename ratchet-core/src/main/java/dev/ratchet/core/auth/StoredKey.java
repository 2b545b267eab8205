package dev.ratchet.core.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A key as Redis keeps it ({@code HGETALL ratchet:apikey:<id>}): its team and role, the salt and hash of its secret
 * (never the secret), when it was created and last used (null until its first call).
 */
public record StoredKey(String id, String team, Role role, String salt, String hash, Instant createdAt,
        Instant lastUsedAt) {

    /** A new key for {@code team}; the secret stays with the caller. */
    public static StoredKey of(ApiKey key, String team, Role role, String salt, Instant now) {
        return new StoredKey(key.id(), team, role, salt, KeyHash.hash(salt, key.secret()), now, null);
    }

    public static StoredKey fromFields(Map<String, String> f) {
        String lastUsed = f.get("lastUsedAt");
        return new StoredKey(f.get("id"), f.get("team"), Role.valueOf(f.get("role")), f.get("salt"), f.get("hash"),
                Instant.parse(f.get("createdAt")), lastUsed == null ? null : Instant.parse(lastUsed));
    }

    public Map<String, String> fields() {
        Map<String, String> f = new HashMap<>();
        f.put("id", id);
        f.put("team", team);
        f.put("role", role.name());
        f.put("salt", salt);
        f.put("hash", hash);
        f.put("createdAt", createdAt.toString());
        if (lastUsedAt != null) {
            f.put("lastUsedAt", lastUsedAt.toString());
        }
        return f;
    }

    /** Whether {@code key} is this key: same id and a secret whose hash matches. */
    public boolean admits(ApiKey key) {
        return id.equals(key.id()) && KeyHash.matches(salt, hash, key.secret());
    }

    public Caller caller() {
        return new Caller(id, team, role);
    }
}
