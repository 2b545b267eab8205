package dev.ratchet.core.prompt;

/**
 * How many tokens one step's model requests may hold, out of the executor model's context window. A request never
 * holds more than {@code budgetTokens}: the rest of the window stays free for the answer and for the tokenizer
 * difference between ours (o200k) and the provider's.
 *
 * @param windowTokens the executor model's context window
 * @param budgetTokens the most tokens one request of the step may hold
 */
public record ContextBudget(int windowTokens, int budgetTokens) {

    /** Half the window: a step is small, and a model's quality drops well before its window is full. */
    public static final int DEFAULT_PERCENT = 50;
    /** No step may ask for more than 80 % of the window, whatever it was sent: the answer needs room too. */
    public static final int HARD_STOP_PERCENT = 80;
    /** The smallest budget that holds the executor's instructions, a step and one small file. */
    public static final int MIN_BUDGET = 1024;

    public ContextBudget {
        if (windowTokens < MIN_BUDGET) {
            throw new IllegalArgumentException("a context window of " + windowTokens + " tokens cannot hold a step");
        }
        if (budgetTokens < MIN_BUDGET || budgetTokens > windowTokens) {
            throw new IllegalArgumentException("a step's budget must be " + MIN_BUDGET + ".." + windowTokens
                    + " tokens, was " + budgetTokens);
        }
    }

    /**
     * The step's budget: the tokens the step was sent with, else {@code defaultPercent} of the window; never more than
     * {@code hardStopPercent} of it, nor less than {@link #MIN_BUDGET}.
     *
     * @param requestedTokens the step's own budget (from its request); 0 or less for the default
     */
    public static ContextBudget of(int windowTokens, int requestedTokens, int defaultPercent, int hardStopPercent) {
        if (defaultPercent < 1 || hardStopPercent > 100 || defaultPercent > hardStopPercent) {
            throw new IllegalArgumentException("context budget percentages must satisfy 1 <= default ("
                    + defaultPercent + ") <= hard stop (" + hardStopPercent + ") <= 100");
        }
        long hardStop = (long) windowTokens * hardStopPercent / 100;
        long wanted = requestedTokens > 0 ? requestedTokens : (long) windowTokens * defaultPercent / 100;
        return new ContextBudget(windowTokens, (int) Math.max(MIN_BUDGET, Math.min(wanted, hardStop)));
    }

    /** {@code tokens} as a percentage of the window, to one decimal place. */
    public double percentOfWindow(int tokens) {
        return Math.round(tokens * 1000.0 / windowTokens) / 10.0;
    }
}
