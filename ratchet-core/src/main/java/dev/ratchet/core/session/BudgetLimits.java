package dev.ratchet.core.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounds a session's {@link Budget} is held to, and the defaults for what a request leaves out
 * ({@code ratchet.limits.budget.*}). A request's {@code budget.tokens} and {@code budget.wallClockSeconds} must lie
 * in 1..max; anything else is a 400 naming the field.
 */
public record BudgetLimits(long defaultTokens, long maxTokens, long defaultWallClockSeconds,
        long maxWallClockSeconds) {

    public BudgetLimits {
        if (defaultTokens < 1 || defaultTokens > maxTokens || defaultWallClockSeconds < 1
                || defaultWallClockSeconds > maxWallClockSeconds) {
            throw new IllegalArgumentException("budget defaults must lie in 1..max: " + defaultTokens + "/" + maxTokens
                    + " tokens, " + defaultWallClockSeconds + "/" + maxWallClockSeconds + " s");
        }
    }

    /** Every out-of-range field of a request's budget, named as the client wrote it; null fields take defaults. */
    public List<FieldViolation> violations(Long tokens, Long wallClockSeconds) {
        List<FieldViolation> out = new ArrayList<>();
        if (tokens != null && (tokens < 1 || tokens > maxTokens)) {
            out.add(new FieldViolation("budget.tokens", "must be 1.." + maxTokens + " tokens, not " + tokens));
        }
        if (wallClockSeconds != null && (wallClockSeconds < 1 || wallClockSeconds > maxWallClockSeconds)) {
            out.add(new FieldViolation("budget.wallClockSeconds", "must be 1.." + maxWallClockSeconds
                    + " seconds, not " + wallClockSeconds));
        }
        return out;
    }

    /** The budget a valid request gets: its values, the defaults where it gave none. */
    public Budget budget(Long tokens, Long wallClockSeconds) {
        if (!violations(tokens, wallClockSeconds).isEmpty()) {
            throw new IllegalArgumentException(violations(tokens, wallClockSeconds).toString());
        }
        return new Budget(tokens == null ? defaultTokens : tokens,
                wallClockSeconds == null ? defaultWallClockSeconds : wallClockSeconds);
    }
}
