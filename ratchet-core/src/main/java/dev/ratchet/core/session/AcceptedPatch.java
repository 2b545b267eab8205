package dev.ratchet.core.session;

import dev.ratchet.core.event.BlobRef;

/**
 * A verified step's patch (stored once in Redis, referenced here), appended to the session's patch chain: the
 * chain is the session's state.
 */
public record AcceptedPatch(String stepId, int attempt, int variant, BlobRef patch) {
}
