package dev.ratchet.workspace.step;

import java.time.Duration;

import dev.ratchet.core.prompt.ContextBudget;

/**
 * The bounds every attempt of an executor runs within (the session adds its own: the guardrails and maxTurns).
 *
 * @param maxOutputTokens the output-token limit of each model call
 * @param contextWindow the executor model's context window, in tokens
 * @param budgetPercent a step's budget when its request names none, as a percentage of the window
 * @param hardStopPercent the most of the window any step's budget may be
 * @param maxReadBytes files larger than this are never read whole: not for the prompt, not by a tool
 * @param maxPatchBytes the largest diff an attempt may produce
 * @param attemptTimeout wall time for all of an attempt's turns and checks; a turn that starts before it may finish
 */
public record StepLimits(int maxOutputTokens, int contextWindow, int budgetPercent, int hardStopPercent,
        long maxReadBytes, long maxPatchBytes, Duration attemptTimeout) {

    /** 128k tokens: the window of the executor models Ratchet is tried with (and of most current models). */
    public static final int DEFAULT_CONTEXT_WINDOW = 128_000;
    /** 256 KiB: larger than any hand-written source file, far smaller than the data files that sink an executor. */
    public static final long DEFAULT_MAX_READ_BYTES = 256 * 1024;
    public static final long DEFAULT_MAX_PATCH_BYTES = 1024 * 1024;
    /** Eight turns of a 60 s model call and a check or two, with room to spare. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(10);

    public StepLimits {
        if (maxOutputTokens < 1 || maxReadBytes < 1 || maxPatchBytes < 1) {
            throw new IllegalArgumentException("step limits must be positive");
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("the attempt timeout must be positive, was " + attemptTimeout);
        }
        ContextBudget.of(contextWindow, 0, budgetPercent, hardStopPercent);
    }

    public static StepLimits defaults() {
        return new StepLimits(4096, DEFAULT_CONTEXT_WINDOW, ContextBudget.DEFAULT_PERCENT,
                ContextBudget.HARD_STOP_PERCENT, DEFAULT_MAX_READ_BYTES, DEFAULT_MAX_PATCH_BYTES,
                DEFAULT_ATTEMPT_TIMEOUT);
    }

    /** The step's budget for a request that names {@code requestedTokens} (0 for the default). */
    public ContextBudget budget(int requestedTokens) {
        return ContextBudget.of(contextWindow, requestedTokens, budgetPercent, hardStopPercent);
    }

    /**
     * The most one tool result (or one correction) may hold: a quarter of the budget, so a whole file or a long check
     * output leaves room for the prompt and the turns around it.
     */
    int maxToolResultTokens(int budgetTokens) {
        return Math.max(256, budgetTokens / 4);
    }
}
