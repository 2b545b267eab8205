package dev.ratchet.core.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanStep;

/**
 * The machine's decisions about re-planning: a step that failed all its attempts sends the session back to
 * {@code PLANNING} with a pending {@link Revision} (at most {@code max} times per session) instead of failing it, and
 * the planner model's revision replaces the failed step and the ones after it. Verified steps stay verified: their
 * patches are the revised plan's starting state.
 */
final class ReplanDecisions {

    private final SteeringDecisions steering;
    private final int max;

    ReplanDecisions(SteeringDecisions steering, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("replans must be 0 or more");
        }
        this.steering = steering;
        this.max = max;
    }

    int max() {
        return max;
    }

    boolean allowed(Session session) {
        return session.revisions().size() < max;
    }

    /** {@code failed} holds the step marked failed; the session plans again from it. */
    Transition requested(Session failed, StepState step, int attempt, String reason, Instant now,
            List<Progress> before) {
        int number = failed.revisions().size() + 2;
        Session next = failed.replanning(Revision.requested(number, step.id(), reason, now), now);
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.SESSION_REPLANNING, step.id(), attempt, reason
                + "; the planner model revises the plan from step " + step.id() + " (revision " + number + ", re-plan "
                + (number - 1) + " of " + max + ")", now));
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(), List.of(), List.copyOf(progress));
    }

    /**
     * The planner model's revision: {@code plan} replaces the failed step and every later one (ids
     * {@link Revision#stepId}); the session runs it from the failed step's place, or waits for a person's approval
     * when it was created with manual approval.
     */
    Transition revised(Session session, List<PlanStep> plan, Usage planner, Instant now) {
        Optional<Revision> pending = session.pendingRevision();
        if (session.status() != SessionStatus.PLANNING || pending.isEmpty() || plan.isEmpty()) {
            return Transition.ignored(session);
        }
        Revision revision = pending.get();
        int from = session.currentStep();
        List<StepState> steps = new ArrayList<>(session.steps().subList(0, from));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlanStep given = plan.get(i);
            String id = Revision.stepId(from + i, revision.number());
            ids.add(id);
            steps.add(StepState.pending(given.withId(id), from + i));
        }
        List<StepState> replaced = session.steps().subList(from, session.steps().size());
        boolean manual = session.steering().approval() == Approval.MANUAL;
        Session revised = session.withPlannerUsage(session.plannerUsage().plus(planner)).revised(steps,
                revision.revised(replaced, ids, now), manual ? SessionStatus.AWAITING_APPROVAL : SessionStatus.RUNNING,
                now);
        Progress line = new Progress(Progress.SESSION_REPLANNED, null, 0, "plan revised (revision "
                + revision.number() + ", after step " + revision.failedStep() + " failed): " + replaced.size()
                + (replaced.size() == 1 ? " step" : " steps") + " replaced by " + plan.size() + " ("
                + String.join(", ", ids) + ")" + (manual ? "; waiting for approval" : ""), now);
        List<PlanStep> whole = steps.stream().map(StepState::planStep).toList();
        if (manual) {
            return new Transition(Transition.Outcome.APPLIED, revised, Optional.empty(), List.of(), List.of(line))
                    .withPlan(whole);
        }
        return steering.atBoundary(revised, from, now, List.of(line)).withPlan(whole);
    }

    /** Why the session fails when re-planning failed: the revision, the step that failed before, and the cause. */
    static String failure(Revision revision, String cause) {
        return "re-planning failed: revision " + revision.number() + " after step " + revision.failedStep()
                + " failed (" + revision.reason() + "): " + cause;
    }
}
