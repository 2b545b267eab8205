package dev.ratchet.core.session;

import dev.ratchet.core.guardrail.Guardrails;

/**
 * What every step of a session must obey, stored with the session (never taken from an event): the guardrails on
 * what a step may change, and how many model turns an executor may take for one attempt.
 */
public record StepPolicy(Guardrails guardrails, int maxTurns) {

    /** Eight turns: read, search, patch, fix the patch, run a check, patch again, with room to spare. */
    public static final int DEFAULT_MAX_TURNS = 8;
    public static final int MAX_TURNS_LIMIT = 32;
    public static final StepPolicy DEFAULTS = new StepPolicy(Guardrails.DEFAULTS, DEFAULT_MAX_TURNS);

    public StepPolicy {
        guardrails = guardrails == null ? Guardrails.DEFAULTS : guardrails;
        maxTurns = maxTurns <= 0 ? DEFAULT_MAX_TURNS : maxTurns;
        if (maxTurns > MAX_TURNS_LIMIT) {
            throw new IllegalArgumentException("maxTurns must be at most " + MAX_TURNS_LIMIT + ", not " + maxTurns);
        }
    }
}
