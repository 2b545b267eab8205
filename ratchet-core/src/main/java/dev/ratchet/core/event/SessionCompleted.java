package dev.ratchet.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ratchet.core.guardrail.Guardrails;

/**
 * Every step of the plan is verified. Carries what a skill needs: the goal, the steps as carried out, the checks,
 * the guardrails the steps obeyed and what the session cost.
 */
public record SessionCompleted(UUID eventId, String sessionId, String stepId, int attempt, int variant,
        Instant occurredAt, Payload payload) implements RatchetEvent {

    /**
     * @param plannedFrom the skill the plan was instantiated from ({@code name@version}), absent (null) when the
     *        planner model planned: added to v1 as an optional field, which readers of the older shape ignore
     */
    public record Payload(String repo, String goal, String baseCommit, List<CompletedStep> steps, List<Check> checks,
            Guardrails guardrails, Usage usage, long durationMs, String plannedFrom) {

        /** A session the planner model planned. */
        public Payload(String repo, String goal, String baseCommit, List<CompletedStep> steps, List<Check> checks,
                Guardrails guardrails, Usage usage, long durationMs) {
            this(repo, goal, baseCommit, steps, checks, guardrails, usage, durationMs, null);
        }
    }

    public record CompletedStep(String stepId, String title, String instructions, int attempts, PatchStats stats) {
    }

    public static SessionCompleted of(String sessionId, Instant at, Payload payload) {
        return new SessionCompleted(EventIds.forSession(EventType.SESSION_COMPLETED, sessionId), sessionId, null, 0, 0,
                at, payload);
    }
}
