package dev.ratchet.runtime.redis;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.BlobRef;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * A session's large payloads (patches) in Redis, content-addressed: events carry a {@link BlobRef}, so they stay
 * small whatever a model writes, and the same patch stored twice is stored once. They expire with the session.
 */
@ApplicationScoped
public class Blobs {

    private final RedisDataSource redis;

    Blobs(RedisDataSource redis) {
        this.redis = redis;
    }

    public BlobRef put(String sessionId, String content) {
        BlobRef ref = BlobRef.of(sessionId, content);
        redis.hash(String.class).hsetnx(ref.key(), ref.sha256(), content);
        return ref;
    }

    /**
     * @throws MissingBlobException when nothing (or something else) is stored under the reference: the event is
     *         about a payload Redis no longer has, which must never be papered over
     */
    public String get(BlobRef ref) {
        String content = redis.hash(String.class).hget(ref.key(), ref.sha256());
        if (content == null) {
            throw new MissingBlobException("no blob " + ref.sha256() + " in " + ref.key());
        }
        if (!ref.matches(content)) {
            throw new MissingBlobException("blob " + ref.sha256() + " in " + ref.key() + " does not match its hash");
        }
        return content;
    }
}
