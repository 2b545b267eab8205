package dev.ratchet.core.session;

/**
 * What one session may spend before it is cancelled (the kill switch, {@link BudgetDecisions}): {@code tokens} model
 * tokens of every role, in and out together, and {@code wallClockSeconds} from its creation. Null means no budget of
 * that kind (sessions stored before budgets existed); the API always sets both, from the request or the defaults.
 */
public record Budget(Long tokens, Long wallClockSeconds) {

    public static final Budget NONE = new Budget(null, null);

    public Budget {
        if (tokens != null && tokens < 1 || wallClockSeconds != null && wallClockSeconds < 1) {
            throw new IllegalArgumentException("a budget must be positive: " + tokens + " tokens, "
                    + wallClockSeconds + " s");
        }
    }
}
