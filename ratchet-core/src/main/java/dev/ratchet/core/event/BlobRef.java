package dev.ratchet.core.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.ratchet.core.store.RedisKeys;

/**
 * Where a large payload (a patch) lives instead of riding on Kafka: the field {@code sha256} of the Redis hash
 * {@code key}, {@code size} bytes of UTF-8. Content-addressed, so storing the same patch twice stores it once, and a
 * reader can check that what it read is what the event meant.
 */
public record BlobRef(String key, String sha256, long size) {

    /** The reference a text gets when stored for a session. */
    public static BlobRef of(String sessionId, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new BlobRef(RedisKeys.blobs(sessionId), sha256(bytes), bytes.length);
    }

    /** True when {@code content} is exactly what this reference points at. */
    public boolean matches(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return bytes.length == size && sha256(bytes).equals(sha256);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
