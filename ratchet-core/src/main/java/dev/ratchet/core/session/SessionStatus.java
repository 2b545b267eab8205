package dev.ratchet.core.session;

/**
 * Where a session stands. {@code AWAITING_APPROVAL} holds a plan a person must approve; {@code PAUSED} waits at a
 * step boundary for a {@code resume}; {@code CANCELLED} is a person's {@code cancel}, final like the other two ends.
 */
public enum SessionStatus {
    PLANNING, AWAITING_APPROVAL, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
