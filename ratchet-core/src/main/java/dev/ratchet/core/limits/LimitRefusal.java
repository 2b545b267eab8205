package dev.ratchet.core.limits;

/** A team's request refused by one of its limits: the 429's {@code detail}, and its {@code Retry-After} (seconds). */
public record LimitRefusal(String detail, long retryAfterSeconds) {
}
