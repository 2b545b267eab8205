package dev.ratchet.testing;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.core.store.SessionHash;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The Redis side of a session as executors and verifiers need it, for service tests that stand in for the
 * planner: the session exists, its accepted patches are in the chain, and patches are blobs.
 */
public final class RedisSessions {

    private RedisSessions() {
    }

    /**
     * Stores the session as the planner would: executors and verifiers take its repository, base commit, checks
     * and guardrails from here (work on an unknown session is skipped).
     */
    public static void register(RedisDataSource redis, Session session) {
        redis.hash(String.class).hset(RedisKeys.session(session.id()), SessionHash.fields(session));
    }

    /** Stores {@code patch} as a blob of the session and appends it to its accepted patches. */
    public static BlobRef accept(RedisDataSource redis, String sessionId, String stepId, String patch) {
        BlobRef ref = store(redis, sessionId, patch);
        redis.list(String.class).rpush(RedisKeys.patches(sessionId), Json.write(new AcceptedPatch(stepId, 1, 0, ref)));
        return ref;
    }

    public static BlobRef store(RedisDataSource redis, String sessionId, String content) {
        BlobRef ref = BlobRef.of(sessionId, content);
        redis.hash(String.class).hset(ref.key(), ref.sha256(), content);
        return ref;
    }

    /** The content a blob reference points at (null when Redis does not have it). */
    public static String blob(RedisDataSource redis, BlobRef ref) {
        return redis.hash(String.class).hget(ref.key(), ref.sha256());
    }

    /** The answer {@code role} stored for the event {@code eventId} (null when none). */
    public static String outcome(RedisDataSource redis, String sessionId, String role, Object eventId) {
        return redis.hash(String.class).hget(RedisKeys.outcomes(sessionId), role + ":" + eventId);
    }
}
