package dev.ratchet.workspace.step;

import java.util.List;

import dev.ratchet.core.event.Check;
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
 */
public record StepTask(StepWork work, List<String> feedback, List<Check> checks, StepPolicy policy, String progress,
        List<String> steeringNotes, int contextBudgetTokens) {

    public StepTask {
        feedback = List.copyOf(feedback);
        checks = List.copyOf(checks);
        steeringNotes = List.copyOf(steeringNotes);
        policy = policy == null ? StepPolicy.DEFAULTS : policy;
    }

    /** The attempt for {@code work} of {@code session}, as stored in Redis. */
    public static StepTask of(StepWork work, List<String> feedback, int contextBudgetTokens, Session session) {
        return new StepTask(work, feedback, session.checks(), session.policy(), ProgressSummary.of(session),
                session.steeringNotes(), contextBudgetTokens);
    }
}
