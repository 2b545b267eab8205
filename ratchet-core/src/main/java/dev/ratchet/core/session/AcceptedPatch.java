package dev.ratchet.core.session;

/** A verified step's patch, appended to the session's patch chain: the chain is the session's state. */
public record AcceptedPatch(String stepId, int attempt, int variant, String patch) {
}
