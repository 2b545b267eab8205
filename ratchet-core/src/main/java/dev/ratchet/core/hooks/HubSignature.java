package dev.ratchet.core.hooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body under the webhook's
 * secret. Checked on the bytes as they arrived, before anything parses them, and compared in constant time, so the
 * time an answer takes says nothing about how much of a forged signature was right.
 */
public final class HubSignature {

    /** What a header says about a body. */
    public enum Verdict {
        VALID("valid"),
        MISSING("no X-Hub-Signature-256 header"),
        MALFORMED("X-Hub-Signature-256 must be sha256= and 64 hex digits"),
        WRONG("X-Hub-Signature-256 does not match the body under the configured secret");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private static final String PREFIX = "sha256=";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private HubSignature() {
    }

    public static Verdict verify(String secret, byte[] body, String header) {
        if (header == null || header.isEmpty()) {
            return Verdict.MISSING;
        }
        if (!header.startsWith(PREFIX) || !HEX.matcher(header.substring(PREFIX.length())).matches()) {
            return Verdict.MALFORMED;
        }
        byte[] given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
        return MessageDigest.isEqual(hmac(secret, body), given) ? Verdict.VALID : Verdict.WRONG;
    }

    /** The header GitHub would send for {@code body} (for clients such as the CI demo, and tests). */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
