package dev.ratchet.models;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Why one HTTP attempt failed, and whether another attempt could help. */
final class AttemptFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Integer status;
    private final transient Duration retryAfter;

    private AttemptFailure(String message, boolean retryable, Integer status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** Connection errors, timeouts and broken streams: worth another try. */
    static AttemptFailure transientFailure(String message, Throwable cause) {
        return new AttemptFailure(message, true, null, null, cause);
    }

    /** Failures another attempt would repeat. */
    static AttemptFailure permanent(String message, Throwable cause) {
        return new AttemptFailure(message, false, null, null, cause);
    }

    /** An HTTP error status: 429 and 5xx are worth another try, other statuses are not. */
    static AttemptFailure httpStatus(int status, String message, Optional<Duration> retryAfter) {
        boolean retryable = status == 429 || status >= 500;
        return new AttemptFailure("HTTP " + status + ": " + message, retryable, status, retryAfter.orElse(null), null);
    }

    boolean retryable() {
        return retryable;
    }

    OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
