package dev.ratchet.core.session;

import dev.ratchet.core.guardrail.Guardrails;

/**
 * What every step of a session must obey, stored with the session (never taken from an event): the guardrails on
 * what a step may change, how many model turns an executor may take for one attempt, and the session's budget.
 */
public record StepPolicy(Guardrails guardrails, int maxTurns, Budget budget) {

    /** Eight turns: read, search, patch, fix the patch, run a check, patch again, with room to spare. */
    public static final int DEFAULT_MAX_TURNS = 8;
    public static final int MAX_TURNS_LIMIT = 32;
    public static final StepPolicy DEFAULTS = new StepPolicy(Guardrails.DEFAULTS, DEFAULT_MAX_TURNS);

    public StepPolicy {
        guardrails = guardrails == null ? Guardrails.DEFAULTS : guardrails;
        budget = budget == null ? Budget.NONE : budget;
        maxTurns = maxTurns <= 0 ? DEFAULT_MAX_TURNS : maxTurns;
        if (maxTurns > MAX_TURNS_LIMIT) {
            throw new IllegalArgumentException("maxTurns must be at most " + MAX_TURNS_LIMIT + ", not " + maxTurns);
        }
    }

    /** A policy without a budget. */
    public StepPolicy(Guardrails guardrails, int maxTurns) {
        this(guardrails, maxTurns, Budget.NONE);
    }

    /** The same policy under other guardrails: a steering directive changes them, never the budget. */
    public StepPolicy withGuardrails(Guardrails next) {
        return new StepPolicy(next, maxTurns, budget);
    }
}
