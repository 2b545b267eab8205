package dev.ratchet.core.checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.json.Json;

/**
 * The verification cache's key: SHA-256 of the resulting tree (its git tree id, which names every file's content and
 * mode), the check as it runs (command, timeout, browser settings) and the check environment (what the sandbox
 * passes to it: the allowed variables, the isolation, the limits, the browser). Any of them changing is a new key; the
 * same tree checked again (a retry, an identical variant, a replay) is the same key, in any session.
 */
public final class VerifyCacheKey {

    /** Bumped whenever what a cached result means changes, so older entries are never read as newer ones. */
    static final String VERSION = "ratchet-verify-cache-v1";

    private VerifyCacheKey() {
    }

    public static String of(String tree, Check check, String environment) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("version", VERSION);
        key.put("tree", tree);
        key.put("command", check.command());
        key.put("timeoutSeconds", check.timeoutSeconds());
        key.put("browser", check.browser());
        key.put("environment", environment);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(key).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
