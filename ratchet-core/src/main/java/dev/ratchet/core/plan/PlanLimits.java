package dev.ratchet.core.plan;

import dev.ratchet.core.guardrail.Guardrails;

/**
 * The bounds a plan is asked for and checked against.
 *
 * @param maxSteps        the most steps the plan may have
 * @param stepTokens      the executor's context budget for one step (the planner's
 *                        {@code ratchet.planner.step-context-tokens}, sent with every step request): a step's
 *                        {@code estimatedTokens} must fit in it
 * @param maxChangedLines the session's guardrail {@code maxChangedLines}: a step's {@code maxChangedLines} must fit
 */
public record PlanLimits(int maxSteps, int stepTokens, int maxChangedLines) {

    /** The planner's default step budget ({@code ratchet.planner.step-context-tokens}). */
    public static final int DEFAULT_STEP_TOKENS = 8000;

    /** {@code maxSteps} with the default step budget and the default guardrail's changed lines. */
    public static PlanLimits defaults(int maxSteps) {
        return new PlanLimits(maxSteps, DEFAULT_STEP_TOKENS, Guardrails.DEFAULTS.maxChangedLines());
    }

    public PlanLimits {
        if (maxSteps < 1 || stepTokens < 1 || maxChangedLines < 1) {
            throw new IllegalArgumentException("plan limits must be positive: " + maxSteps + " steps, " + stepTokens
                    + " tokens, " + maxChangedLines + " changed lines");
        }
    }
}
