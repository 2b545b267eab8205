package dev.ratchet.workspace.step;

import java.util.List;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Sampling;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.prompt.ProgressSummary;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;

/**
 * One attempt's work as the executor carries it out: the step from the request, and everything with authority
 * (checks, guardrails, turns, progress) from the session as stored.
 *
 * @param feedback why earlier attempts were rejected
 * @param progress the session's verified steps ({@link ProgressSummary})
 * @param steeringNotes the notes people gave the session that took effect by now, oldest first, with their times
 * @param contextBudgetTokens the step's budget from its request; 0 for the executor's default
 * @param sampling the variant's temperature and seed, from its request; null for the executor's own settings
 */
public record StepTask(StepWork work, List<String> feedback, List<Check> checks, StepPolicy policy, String progress,
        List<String> steeringNotes, int contextBudgetTokens, Sampling sampling) {

    public StepTask {
        feedback = List.copyOf(feedback);
        checks = List.copyOf(checks);
        steeringNotes = List.copyOf(steeringNotes);
        policy = policy == null ? StepPolicy.DEFAULTS : policy;
    }

    /** A task sampled as the executor is configured to. */
    public StepTask(StepWork work, List<String> feedback, List<Check> checks, StepPolicy policy, String progress,
            List<String> steeringNotes, int contextBudgetTokens) {
        this(work, feedback, checks, policy, progress, steeringNotes, contextBudgetTokens, null);
    }

    /** The attempt for {@code work} of {@code session}, as stored in Redis. */
    public static StepTask of(StepWork work, List<String> feedback, int contextBudgetTokens, Session session) {
        return of(work, feedback, contextBudgetTokens, null, session);
    }

    /** The attempt for one variant of {@code work}, sampled as its request says ({@code sampling} may be null). */
    public static StepTask of(StepWork work, List<String> feedback, int contextBudgetTokens, Sampling sampling,
            Session session) {
        return new StepTask(work, feedback, session.checks(), session.policy(), ProgressSummary.of(session),
                session.steeringNotes(), contextBudgetTokens, sampling);
    }
}
