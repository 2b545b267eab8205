package dev.ratchet.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the reaper found about the work a waiting session depends on, read from the work leases and stored outcomes
 * in Redis. {@code leaseHeld}: someone is working on it right now (its lease has not expired). {@code reached}: how
 * far the current attempt (or planning) got before it went quiet. {@code orphaned}: the variants of a fanned-out
 * attempt that were taken on and whose owner is gone (its lease ran out or was given up, no answer stored), while
 * others may still be worked on.
 */
public record Liveness(boolean leaseHeld, Reached reached, List<Integer> orphaned, Optional<Instant> heldUntil) {

    public static final Liveness NOBODY = new Liveness(false, Reached.NOTHING);

    /** {@code heldUntil}: when the first of the leases held runs out unless renewed (Redis' clock); empty if none. */
    public Liveness {
        orphaned = orphaned == null ? List.of() : List.copyOf(orphaned);
        heldUntil = heldUntil == null ? Optional.empty() : heldUntil;
    }

    public Liveness(boolean leaseHeld, Reached reached) {
        this(leaseHeld, reached, List.of(), Optional.empty());
    }

    /** The furthest hop the work reached, in the order they happen. */
    public enum Reached {
        /** Nobody took the request (or began planning). */
        NOTHING("no executor took the request"),
        /** An executor (or the planner) took it and stopped without an answer. */
        CLAIMED("the executor working on it stopped without an answer"),
        /** The executor's answer is stored but no verifier answered it. */
        EXECUTED("the executor's result never got a verdict from a verifier"),
        /** A verifier took it and stopped without a verdict. */
        VERIFYING("the verifier working on it stopped without a verdict"),
        /** The verdict is stored but the planner never applied it. */
        VERDICT("the verdict was never applied by the planner");

        private final String silence;

        Reached(String silence) {
            this.silence = silence;
        }

        /** Which hop went silent, in words. */
        public String silence() {
            return silence;
        }
    }
}
