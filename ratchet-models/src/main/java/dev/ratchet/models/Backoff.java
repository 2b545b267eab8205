package dev.ratchet.models;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Waits between attempts: initial * 2^(retry-1), capped, ±20 % jitter so that clients that failed
 * together do not retry together. A server's Retry-After replaces the computed wait, within the cap.
 */
final class Backoff {

    private static final double JITTER = 0.2;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random yields values in [0, 1) */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return min(retryAfter.get(), max);
        }
        double exponential = initial.toNanos() * Math.pow(2, retry - 1);
        double capped = Math.min(exponential, max.toNanos());
        double jittered = capped * (1 + JITTER * (2 * random.getAsDouble() - 1));
        return min(Duration.ofNanos((long) jittered), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
