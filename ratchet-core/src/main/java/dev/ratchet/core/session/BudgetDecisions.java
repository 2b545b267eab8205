package dev.ratchet.core.session;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The kill switch: whether a session has spent its {@link Budget}. Tokens are checked whenever the machine would ask
 * for more work ({@link SessionMachine#request}: after a plan, a verified or rejected step, an approval or a resume),
 * so a session over its budget is cancelled before it spends more; a session whose last step was just verified
 * completes, since it asks for nothing. Being at the budget is within it; one token over is not. The wall clock is the
 * reaper's: the session is due at its end ({@link DeadlineDecisions#deadline}) and cancelled from that instant on,
 * whoever works on it. A finished session has nothing left to stop.
 */
final class BudgetDecisions {

    private BudgetDecisions() {
    }

    /** Why {@code session} may not spend more tokens ({@code token budget exceeded: 12,345 > 10,000 tokens}). */
    static Optional<String> tokensExceeded(Session session) {
        Long budget = session.policy().budget().tokens();
        if (budget == null || session.status().terminal()) {
            return Optional.empty();
        }
        long used = session.tokens();
        return used > budget ? Optional.of("token budget exceeded: " + thousands(used) + " > " + thousands(budget)
                + " tokens") : Optional.empty();
    }

    /** When the session's wall-clock budget runs out; empty without one. */
    static Optional<Instant> wallClockEnd(Session session) {
        Long seconds = session.policy().budget().wallClockSeconds();
        return seconds == null ? Optional.empty() : Optional.of(session.createdAt().plusSeconds(seconds));
    }

    /** Why the session must stop at {@code now} ({@code wall-clock budget of 10m exceeded}); empty while in time. */
    static Optional<String> wallClockExceeded(Session session, Instant now) {
        if (session.status().terminal()) {
            return Optional.empty();
        }
        return wallClockEnd(session).filter(end -> !now.isBefore(end)).map(end -> "wall-clock budget of "
                + describe(session.policy().budget().wallClockSeconds()) + " exceeded");
    }

    /** {@code 90s}, {@code 10m}, {@code 2h}: the unit the number was most likely given in. */
    static String describe(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
