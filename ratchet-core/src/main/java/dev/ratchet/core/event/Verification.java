package dev.ratchet.core.event;

import java.time.Instant;

/** When a verifier picked an executed attempt up and when it reached its verdict. */
public record Verification(String verifier, Instant startedAt, Instant finishedAt) {
}
