package dev.ratchet.core.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key as its holder sends it: {@code rk_<id>_<secret>}. The id (16 hex digits) is public: it names the key
 * in Redis, in the key list and in {@code DELETE /api/v1/keys/{id}}. The secret (32 random bytes, base64url) is
 * shown once and never stored; Redis keeps only its salted hash ({@link KeyHash}).
 */
public record ApiKey(String id, String secret) {

    private static final String PREFIX = "rk_";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    /** 32 bytes in unpadded base64url are 43 characters; the id's length makes the second '_' unambiguous. */
    private static final Pattern TOKEN = Pattern.compile("rk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final int ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;

    public static ApiKey generate(SecureRandom random) {
        byte[] id = new byte[ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(secret);
        return new ApiKey(HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key in {@code token}, empty when it is not shaped like one (checked before anything is looked up). */
    public static Optional<ApiKey> parse(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        return m.matches() ? Optional.of(new ApiKey(m.group(1), m.group(2))) : Optional.empty();
    }

    /** Whether {@code id} is shaped like a key id (path segments are checked before Redis is asked). */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** What the holder sends after {@code Bearer }. */
    public String token() {
        return PREFIX + id + "_" + secret;
    }

    /** Never the secret: a key that reaches a log shows only its public id. */
    @Override
    public String toString() {
        return "ApiKey[" + id + "]";
    }
}
