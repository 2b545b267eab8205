package dev.ratchet.runtime.work;

import java.time.Duration;
import java.util.Optional;

/** What trying to take a lease gave: the lease, or who holds it, or that the session does not exist. */
public record Claim(Outcome outcome, Optional<Lease> lease, String holder, Duration remaining) {

    public enum Outcome {
        TAKEN, HELD_BY_ANOTHER, NO_SESSION
    }

    static Claim taken(Lease lease) {
        return new Claim(Outcome.TAKEN, Optional.of(lease), lease.owner(), Duration.ZERO);
    }

    static Claim heldBy(String holder, Duration remaining) {
        return new Claim(Outcome.HELD_BY_ANOTHER, Optional.empty(), holder, remaining);
    }

    static Claim noSession() {
        return new Claim(Outcome.NO_SESSION, Optional.empty(), null, Duration.ZERO);
    }
}
