package dev.ratchet.core.plan;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.core.session.Revision;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;

/**
 * The request to the planner model when a step failed all its attempts: revise the rest of the plan. It sees the
 * goal, the steps already verified (they stay, their changes are in the repository), the failed step with its last
 * rejection (stage, reason, failed checks, the tail of the output) and the steps that were to follow; it answers
 * with the steps that replace the failed one and everything after it, in the first plan's format.
 */
public final class ReplanPrompt {

    private static final String SYSTEM = """
            You are the planner of Ratchet. A fast executor model carries out a plan one step at a time; after every \
            step a verifier runs the repository's checks, and only steps that pass are kept.
            One step of the plan failed every attempt. Revise the rest of the plan: replace the failed step and the \
            steps after it with small, bounded steps that reach the goal from where the repository is now. Split the \
            failed step, change its approach, or do something else first; do not repeat it unchanged. Each step must:
            """ + PlannerPrompt.STEP_RULES;

    private ReplanPrompt() {
    }

    /**
     * @param session a session re-planning ({@link Session#pendingRevision()} present; its current step the failed one)
     * @param maxSteps the most steps the revision may have (the plan's limit less the steps kept)
     */
    public static Prompt build(Session session, List<String> files, String agentsMd, int maxSteps,
            TokenBudget budget) {
        return build(session, files, null, agentsMd, PlanLimits.defaults(maxSteps), budget);
    }

    /**
     * As above, with the step budget and guardrail of {@code limits} ({@code maxSteps} as above), and the repository
     * map when {@code source} gives the files' text ({@link PlannerPrompt#build}).
     */
    public static Prompt build(Session session, List<String> files, Function<String, Optional<String>> source,
            String agentsMd, PlanLimits limits, TokenBudget budget) {
        return build(session, files, source, RepoAgents.own(agentsMd), limits, budget);
    }

    /** As above, with the AGENTS.md the session proposes when the repository has none ({@link RepoAgents}). */
    public static Prompt build(Session session, List<String> files, Function<String, Optional<String>> source,
            RepoAgents agents, PlanLimits limits, TokenBudget budget) {
        Revision revision = session.pendingRevision()
                .orElseThrow(() -> new IllegalArgumentException("session " + session.id() + " is not re-planning"));
        String system = PlannerPrompt.rules(SYSTEM, limits);
        int from = session.currentStep();
        StepState failed = session.steps().get(from);
        StringBuilder user = PlannerPrompt.goalAndChecks(session.goal(), session.checks());
        List<StepState> kept = session.steps().subList(0, from);
        user.append("Steps already done (verified and kept; their changes are in the repository):\n");
        if (kept.isEmpty()) {
            user.append("- none\n");
        }
        kept.forEach(s -> user.append("- ").append(s.id()).append(' ').append(s.title())
                .append(s.status() == StepStatus.SKIPPED ? " (skipped by a person)" : "").append('\n'));
        user.append("\nThe step that failed every attempt (").append(failed.attemptCount()).append(" attempts):\n")
                .append("- ").append(failed.id()).append(' ').append(failed.title()).append(": ")
                .append(failed.instructions()).append("\n\n");
        String feedback = failed.lastAttempt() == null ? revision.reason()
                : SessionMachine.feedback(failed.lastAttempt());
        String checks = failed.lastAttempt() == null ? "" : failed.lastAttempt().checkSummary();
        user.append("Its last rejection:\n").append(budget.truncate(feedback, budget.limit() / 8)).append('\n');
        if (!checks.isEmpty()) {
            user.append("Checks: ").append(checks).append('\n');
        }
        List<StepState> after = session.steps().subList(from + 1, session.steps().size());
        if (!after.isEmpty()) {
            user.append("\nSteps that were to follow (replaced by your revision as well):\n");
            after.forEach(s -> user.append("- ").append(s.id()).append(' ').append(s.title()).append('\n'));
        }
        user.append('\n');
        return PlannerPrompt.withRepository(system, user, files, source, agents, budget);
    }
}
