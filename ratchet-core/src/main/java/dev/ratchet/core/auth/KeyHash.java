package dev.ratchet.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * SHA-256 of a per-key salt and the key's secret. A slow password hash is not needed: the secret is 256 random
 * bits, not something a person chose, so a stolen hash cannot be reversed by guessing; the salt keeps two stores'
 * hashes of the same secret apart. Comparison is constant-time, so the time an answer takes says nothing about how
 * much of a guessed hash matched.
 */
public final class KeyHash {

    private static final int SALT_BYTES = 16;

    private KeyHash() {
    }

    public static String salt(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /** Hex SHA-256 of the salt's bytes followed by the secret in UTF-8. */
    public static String hash(String salt, String secret) {
        MessageDigest sha256 = sha256();
        sha256.update(HexFormat.of().parseHex(salt));
        return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean matches(String salt, String expectedHash, String secret) {
        byte[] actual = hash(salt, secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
