package dev.ratchet.core.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The machine's decisions about time: what the reaper does with a session whose deadline passed, and when it must
 * look at a session next. A session waiting for approval or paused has no request out: only its time limit counts.
 */
final class DeadlineDecisions {

    private final SessionMachine machine;
    private final Deadlines deadlines;

    DeadlineDecisions(SessionMachine machine, Deadlines deadlines) {
        this.machine = machine;
        this.deadlines = deadlines;
    }

    /**
     * The reaper's decision for a session whose deadline passed: nothing while someone works on it; a request that
     * nobody answered is sent again with the same event id and content (a redelivery, not a new attempt), until
     * {@link Deadlines#maxRedeliveries()} makes the step fail naming the hop that went silent; planning whose
     * planner stopped is taken over; a session past its wall-clock budget is cancelled, one past its time limit
     * fails.
     */
    Transition onDeadline(Session session, Liveness liveness, Instant now) {
        if (session.status().terminal()) {
            return Transition.ignored(session);
        }
        Optional<String> overBudget = BudgetDecisions.wallClockExceeded(session, now);
        if (overBudget.isPresent()) {
            return machine.cancel(session, overBudget.get(), now, List.of());
        }
        if (!now.isBefore(session.createdAt().plus(deadlines.sessionMaxDuration()))) {
            Optional<StepState> step = session.current();
            return machine.fail(session, step.map(StepState::id).orElse(null),
                    step.map(s -> s.lastAttempt() == null ? 0 : s.lastAttempt().number()).orElse(0),
                    "the session did not finish within its time limit of " + describe(deadlines.sessionMaxDuration()),
                    now, List.of());
        }
        boolean orphans = !liveness.orphaned().isEmpty() && session.status() == SessionStatus.RUNNING;
        if (liveness.leaseHeld() && !orphans) {
            return Transition.ignored(session);
        }
        if (session.status() == SessionStatus.PLANNING) {
            return planningDeadline(session, liveness, now);
        }
        StepState step = session.current().orElse(null);
        Attempt attempt = step == null ? null : step.lastAttempt();
        if (attempt == null || attempt.status() != AttemptStatus.REQUESTED) {
            return Transition.ignored(session);
        }
        if (liveness.leaseHeld()) {
            // Some variants' owners are gone while others still work: waiting for the others would decide the
            // attempt without the orphaned variants (the rule below), so they alone are sent again now (the live
            // owners' requests would only be refused by their leases, a hop and a Redis look each).
            List<Integer> orphaned = liveness.orphaned();
            return redeliver(session, step, attempt, (orphaned.size() == 1 ? "the owner of variant " : "the owners "
                    + "of variants ") + orphaned.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " stopped without an answer while the others work", orphaned::contains, now);
        }
        if (liveness.reached() == Liveness.Reached.NOTHING
                && now.isBefore(attempt.lastSentAt().plus(deadlines.unclaimed()))) {
            return Transition.ignored(session);
        }
        if (!attempt.variants().isEmpty() && !now.isBefore(attempt.lastSentAt().plus(deadlines.unclaimed()))) {
            return machine.variantsDue(session, step, now);
        }
        return redeliver(session, step, attempt, liveness.reached().silence(), variant -> true, now);
    }

    /**
     * The attempt's requests of the variants without a verdict that {@code resend} names, sent again with their
     * ids, until {@link Deadlines#maxRedeliveries()} fails the step.
     */
    private Transition redeliver(Session session, StepState step, Attempt attempt, String silence,
            IntPredicate resend, Instant now) {
        if (attempt.redeliveries() >= deadlines.maxRedeliveries()) {
            String why = silence + " (sent " + (attempt.redeliveries() + 1) + " times)";
            Session failed = session.withStep(step.withAttempt(attempt.abandoned(why, now), StepStatus.FAILED));
            return machine.fail(failed, step.id(), attempt.number(), SessionMachine.label(session, step) + " attempt " + attempt.number()
                    + " got no answer: " + why, now, List.of());
        }
        Attempt again = attempt.redelivered(now);
        Session next = session.withStep(step.withAttempt(again, StepStatus.RUNNING)).touched(now);
        Progress redelivered = new Progress(Progress.STEP_REDELIVERED, step.id(), attempt.number(),
                SessionMachine.label(session, step) + " attempt " + attempt.number() + " sent again (" + again.redeliveries()
                        + " of " + deadlines.maxRedeliveries() + "): " + silence, now);
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(),
                machine.requestsFor(next, next.steps().get(step.index())).stream()
                        .filter(r -> resend.test(r.variant())).collect(Collectors.toUnmodifiableList()),
                List.of(redelivered));
    }

    private Transition planningDeadline(Session session, Liveness liveness, Instant now) {
        if (liveness.reached() == Liveness.Reached.NOTHING
                && now.isBefore(session.updatedAt().plus(deadlines.unclaimed()))) {
            return Transition.ignored(session);
        }
        if (session.planningResumes() >= deadlines.maxPlanningResumes()) {
            return machine.fail(session, null, 0, "planning failed: the planner stopped while planning "
                    + (session.planningResumes() + 1) + " times", now, List.of());
        }
        Session resumed = session.planningResumed(now);
        return new Transition(Transition.Outcome.APPLIED, resumed, Optional.empty(), List.of(),
                List.of(new Progress(Progress.PLANNING_RESUMED, null, 0, "planning taken over ("
                        + resumed.planningResumes() + " of " + deadlines.maxPlanningResumes() + "): "
                        + (liveness.reached() == Liveness.Reached.NOTHING ? "no planner began planning"
                                : "the planner working on it stopped"), now)));
    }

    /**
     * When the reaper must next look at the session if nothing happens before: a waiting request's or plan's
     * unclaimed deadline, capped by the session's time limit and wall-clock budget; empty once the session is over.
     * Work leases move it forward while someone works.
     */
    Optional<Instant> deadline(Session session) {
        if (session.status().terminal()) {
            return Optional.empty();
        }
        Instant limit = session.createdAt().plus(deadlines.sessionMaxDuration());
        Instant expires = BudgetDecisions.wallClockEnd(session).filter(end -> end.isBefore(limit)).orElse(limit);
        Instant next = expires;
        if (session.status() == SessionStatus.PLANNING) {
            next = session.updatedAt().plus(deadlines.unclaimed());
        } else {
            Attempt attempt = session.current().map(StepState::lastAttempt).orElse(null);
            if (attempt != null && attempt.status() == AttemptStatus.REQUESTED) {
                next = attempt.lastSentAt().plus(deadlines.unclaimed());
            }
        }
        return Optional.of(next.isBefore(expires) ? next : expires);
    }

    private static String describe(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
