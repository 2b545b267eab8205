package dev.ratchet.runtime.redis;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/** Reads a session's accepted patches; only the planner appends to the chain (inside its session transaction). */
@ApplicationScoped
public class PatchChain {

    private final RedisDataSource redis;
    private final Blobs blobs;

    PatchChain(RedisDataSource redis, Blobs blobs) {
        this.redis = redis;
        this.blobs = blobs;
    }

    /**
     * The first {@code count} accepted patches, as unified diffs in order.
     *
     * @throws IncompletePatchChainException when the chain holds fewer: the step was requested for a state that
     *         Redis no longer (or not yet) has, which must never be papered over
     */
    public List<String> first(String sessionId, int count) {
        if (count == 0) {
            return List.of();
        }
        List<String> raw = redis.list(String.class).lrange(RedisKeys.patches(sessionId), 0, count - 1L);
        if (raw.size() < count) {
            throw new IncompletePatchChainException("session " + sessionId + " has " + raw.size()
                    + " accepted patches in Redis, the step needs " + count);
        }
        try {
            return raw.stream().map(json -> blobs.get(Json.read(json, AcceptedPatch.class).patch())).toList();
        } catch (MissingBlobException e) {
            throw new IncompletePatchChainException("session " + sessionId + "'s accepted patches are incomplete: "
                    + e.getMessage());
        }
    }
}
