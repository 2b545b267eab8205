package dev.ratchet.models;

import java.util.OptionalInt;

/** A model call that failed for good: a non-retryable error, or every retry used up. */
public final class ModelCallException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final Integer lastStatus;

    public ModelCallException(String message, int attempts, OptionalInt lastStatus, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus.isPresent() ? lastStatus.getAsInt() : null;
    }

    /** HTTP attempts made before giving up. */
    public int attempts() {
        return attempts;
    }

    /** The HTTP status of the last attempt, empty when it got none (connection error, timeout, broken stream). */
    public OptionalInt lastStatus() {
        return lastStatus == null ? OptionalInt.empty() : OptionalInt.of(lastStatus);
    }
}
