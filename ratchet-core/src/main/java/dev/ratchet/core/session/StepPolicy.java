package dev.ratchet.core.session;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.guardrail.Guardrails;

/**
 * What every step of a session must obey, stored with the session (never taken from an event): the guardrails on
 * what a step may change, how many model turns an executor may take for one attempt, the session's budget, and how
 * many variants of each attempt are asked for ({@code variants}, 1 to {@link Fanout#MAX_VARIANTS}; a plan step may
 * override it) and how their winner is chosen ({@code select}). One variant and {@code best} are left out of the
 * stored JSON, so a session without variants reads and writes as before they existed. {@code cleanup} is the fixer
 * the cleanup pass runs after each verified candidate (null, and left out of the JSON, when the session runs none).
 * {@code rounds} is how many attempts a step gets before it fails (each a fan-out again, with the best failing
 * variant's feedback, when it has variants: the talk's "5 rounds of 15"); 0, left out of the JSON, means the
 * planner's {@code ratchet.planner.max-attempts}.
 */
public record StepPolicy(Guardrails guardrails, int maxTurns, Budget budget,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int variants,
        @JsonInclude(JsonInclude.Include.NON_NULL) Selection select,
        @JsonInclude(JsonInclude.Include.NON_NULL) Fixer cleanup,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int rounds) {

    /** Eight turns: read, search, patch, fix the patch, run a check, patch again, with room to spare. */
    public static final int DEFAULT_MAX_TURNS = 8;
    public static final int MAX_TURNS_LIMIT = 32;
    /** 16 rounds of 64 variants is already 1,024 model calls for one step. */
    public static final int MAX_ROUNDS = 16;
    public static final StepPolicy DEFAULTS = new StepPolicy(Guardrails.DEFAULTS, DEFAULT_MAX_TURNS);

    @JsonCreator
    public StepPolicy {
        guardrails = guardrails == null ? Guardrails.DEFAULTS : guardrails;
        budget = budget == null ? Budget.NONE : budget;
        maxTurns = maxTurns <= 0 ? DEFAULT_MAX_TURNS : maxTurns;
        if (maxTurns > MAX_TURNS_LIMIT) {
            throw new IllegalArgumentException("maxTurns must be at most " + MAX_TURNS_LIMIT + ", not " + maxTurns);
        }
        variants = variants <= 1 ? 0 : variants;
        if (variants > Fanout.MAX_VARIANTS) {
            throw new IllegalArgumentException("variants must be at most " + Fanout.MAX_VARIANTS + ", not "
                    + variants);
        }
        select = select == Selection.BEST ? null : select;
        rounds = Math.max(0, rounds);
        if (rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("rounds must be at most " + MAX_ROUNDS + ", not " + rounds);
        }
    }

    /** The planner's number of attempts per step. */
    public StepPolicy(Guardrails guardrails, int maxTurns, Budget budget, int variants, Selection select,
            Fixer cleanup) {
        this(guardrails, maxTurns, budget, variants, select, cleanup, 0);
    }

    /** No cleanup pass. */
    public StepPolicy(Guardrails guardrails, int maxTurns, Budget budget, int variants, Selection select) {
        this(guardrails, maxTurns, budget, variants, select, null);
    }

    /** One variant per attempt, as before variants existed, and no budget. */
    public StepPolicy(Guardrails guardrails, int maxTurns) {
        this(guardrails, maxTurns, Budget.NONE, 1, null);
    }

    /** One variant per attempt, under {@code budget}. */
    public StepPolicy(Guardrails guardrails, int maxTurns, Budget budget) {
        this(guardrails, maxTurns, budget, 1, null);
    }

    /** {@code variants} per attempt chosen by {@code select}, and no budget. */
    public StepPolicy(Guardrails guardrails, int maxTurns, int variants, Selection select) {
        this(guardrails, maxTurns, Budget.NONE, variants, select);
    }

    /** How many variants each attempt fans out to, unless its plan step says otherwise: at least 1. */
    public int variantCount() {
        return Math.max(1, variants);
    }

    /** How an attempt's winner is chosen: {@link Selection#BEST} unless the session asked for {@code first}. */
    public Selection selection() {
        return select == null ? Selection.BEST : select;
    }

    /** The same policy under other guardrails: a steering directive changes them, never the budget or variants. */
    public StepPolicy withGuardrails(Guardrails next) {
        return new StepPolicy(next, maxTurns, budget, variants, select, cleanup, rounds);
    }

    /** The same policy with the cleanup pass running {@code fixer} (null: none). */
    public StepPolicy withCleanup(Fixer fixer) {
        return new StepPolicy(guardrails, maxTurns, budget, variants, select, fixer, rounds);
    }

    /** The same policy giving each step {@code count} attempts (0: the planner's default). */
    public StepPolicy withRounds(int count) {
        return new StepPolicy(guardrails, maxTurns, budget, variants, select, cleanup, count);
    }

    /** How many attempts a step gets: the session's {@code rounds}, else {@code plannerDefault}. */
    public int attempts(int plannerDefault) {
        return rounds > 0 ? rounds : plannerDefault;
    }

    /** Why {@code rounds} from a request cannot be a session's, or empty when it can (null: not given). */
    public static Optional<String> roundsViolation(Integer rounds) {
        return rounds == null || rounds >= 1 && rounds <= MAX_ROUNDS ? Optional.empty()
                : Optional.of("must be between 1 and " + MAX_ROUNDS + ", not " + rounds);
    }
}
