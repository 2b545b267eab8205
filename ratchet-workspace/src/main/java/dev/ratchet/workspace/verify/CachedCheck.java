package dev.ratchet.workspace.verify;

import java.time.Instant;
import java.util.List;

import dev.ratchet.core.event.CheckResult;

/**
 * One check's result as the verification cache keeps it, outside any session: the result without its blob
 * references, the whole captured output and the screenshots as text, so that a hit stores them again as blobs of
 * the session that asks.
 *
 * @param verifier who ran the check
 * @param ranAt when it ran
 */
public record CachedCheck(CheckResult result, String output, List<Shot> screenshots, String verifier, Instant ranAt) {

    public CachedCheck {
        screenshots = screenshots == null ? List.of() : List.copyOf(screenshots);
    }

    /** A screenshot: the page's path and the PNG as base64. */
    public record Shot(String path, String pngBase64) {
    }
}
