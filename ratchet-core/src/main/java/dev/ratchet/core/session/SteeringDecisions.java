package dev.ratchet.core.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Directive.Type;

/**
 * The machine's decisions for a person in the front seat: a plan's edit and approval, taking directives in, and
 * applying them at a step boundary. Only
 * {@code cancel} (which also ends the attempt in flight) and {@code resume} (a paused session is at a boundary)
 * act at once; every other directive waits for the boundary, so an attempt runs under the rules it started with.
 */
final class SteeringDecisions {

    /** What {@code readOnly} merges into the guardrails: every path read-only, no new file. */
    static final GuardrailsUpdate READ_ONLY = new GuardrailsUpdate(null, List.of("**"), null, false, null, null, 0);

    private final SessionMachine machine;

    SteeringDecisions(SessionMachine machine) {
        this.machine = machine;
    }

    /** Ignored for a revision waiting for approval: an edit would replace the verified steps too. */
    Transition planEdited(Session session, List<PlanStep> plan, Instant now) {
        if (session.status() != SessionStatus.AWAITING_APPROVAL || !session.revisions().isEmpty()) {
            return Transition.ignored(session);
        }
        Session edited = session.withPlan(SessionMachine.pending(plan), SessionStatus.AWAITING_APPROVAL,
                session.plannedFrom(), now);
        return new Transition(Transition.Outcome.APPLIED, edited, Optional.empty(), List.of(), List.of(new Progress(
                Progress.PLAN_EDITED, null, 0, "plan edited by a person: " + plan.size() + " steps", now)))
                .withPlan(plan);
    }

    Transition approved(Session session, Instant now) {
        if (session.status() != SessionStatus.AWAITING_APPROVAL) {
            return Transition.ignored(session);
        }
        // From the current step: 0 for a first plan, the failed step's place for a revision.
        return atBoundary(session.withStatus(SessionStatus.RUNNING, now), session.currentStep(), now,
                List.of(new Progress(
                Progress.PLAN_APPROVED, null, 0, "plan approved by a person: " + session.steps().size() + " steps",
                now)));
    }

    /** Takes {@code received} in, as numbered directives; ignored (nothing stored) when any of them is refused. */
    Transition steered(Session session, List<Directive> received, Instant now) {
        for (int i = 0; i < received.size(); i++) {
            if (!DirectiveRules.violations(i, received.get(i)).isEmpty()) {
                return Transition.ignored(session);
            }
        }
        if (received.isEmpty() || DirectiveRules.refusal(session, received).isPresent()) {
            return Transition.ignored(session);
        }
        int before = session.steering().directives().size();
        Steering steering = session.steering().received(received, now);
        List<Directive> added = steering.directives().subList(before, steering.directives().size());
        List<Progress> progress = new ArrayList<>();
        added.forEach(d -> progress.add(new Progress(Progress.DIRECTIVE_RECEIVED, null, 0, "directive "
                + d.describe() + " received" + (d.type() == Type.CANCEL || d.type() == Type.RESUME ? ""
                        : "; it takes effect at the next step boundary"), now)));
        Session next = session.withSteering(steering).touched(now);
        Optional<Directive> cancel = added.stream().filter(d -> d.type() == Type.CANCEL).findFirst();
        if (cancel.isPresent()) {
            return cancelled(next, cancel.get(), now, progress);
        }
        if (next.status() == SessionStatus.PAUSED && added.stream().anyMatch(d -> d.type() == Type.RESUME)) {
            return atBoundary(next.withStatus(SessionStatus.RUNNING, now), next.currentStep(), now, progress);
        }
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(), List.of(), List.copyOf(progress));
    }

    private Transition cancelled(Session session, Directive cancel, Instant now, List<Progress> progress) {
        String on = session.current().map(StepState::id).orElse(null);
        Session marked = session.withSteering(session.steering().with(cancel.applied(now, on,
                "the session was cancelled; work in flight is stopped and its verdicts dropped")));
        progress.add(new Progress(Progress.DIRECTIVE_APPLIED, on, 0, "directive " + cancel.describe() + " applied",
                now));
        return machine.cancel(marked, "cancelled by a person (directive " + cancel.id() + ")", now, progress);
    }

    /**
     * A step boundary before step {@code index}: the pending directives are applied in the order received, then the
     * session asks for the next step that is not skipped, pauses there, or completes.
     */
    Transition atBoundary(Session session, int index, Instant now, List<Progress> before) {
        List<Progress> progress = new ArrayList<>(before);
        Session s = session;
        int next = index;
        OptionalInt kept = OptionalInt.empty();
        boolean pause = false;
        List<Directive> applied = new ArrayList<>();
        for (Directive d : session.steering().pending()) {
            String outcome;
            switch (d.type()) {
                case GUARDRAILS -> {
                    s = s.withPolicy(s.policy().withGuardrails(s.policy().guardrails().merge(d.guardrails())));
                    outcome = "guardrails merged";
                }
                case READ_ONLY -> {
                    s = s.withPolicy(s.policy().withGuardrails(s.policy().guardrails().merge(READ_ONLY)));
                    outcome = "the session may only read and report: every path is read-only";
                }
                case SKIP -> {
                    Optional<StepState> step = find(s, d.step(), StepStatus.PENDING);
                    outcome = step.isEmpty() ? "not applied: " + d.step() + " is no longer a pending step"
                            : "step " + d.step() + " skipped";
                    if (step.isPresent()) {
                        s = s.withStep(step.get().withStatus(StepStatus.SKIPPED));
                    }
                }
                case REDO -> {
                    Optional<StepState> step = find(s, d.step(), StepStatus.VERIFIED).filter(x -> x.index() < index);
                    outcome = step.isEmpty() ? "not applied: " + d.step() + " is no longer a verified step"
                            : "step " + d.step() + " and every later verified step are redone; their patches dropped";
                    if (step.isPresent()) {
                        s = redo(s, step.get().index());
                        next = Math.min(next, step.get().index());
                        kept = OptionalInt.of(verifiedBefore(s, next));
                    }
                }
                case PAUSE -> {
                    pause = true;
                    outcome = "paused";
                }
                case RESUME -> outcome = "resumed";
                case NOTE -> outcome = "note added to every following step's prompt";
                default -> outcome = "applied";
            }
            applied.add(d.applied(now, null, outcome));
        }
        while (next < s.steps().size() && s.steps().get(next).status().passedOver()) {
            next++;
        }
        String effective = next < s.steps().size() ? s.steps().get(next).id() : null;
        Steering steering = s.steering();
        for (Directive d : applied) {
            Directive done = d.applied(now, effective, d.outcome());
            steering = steering.with(done);
            progress.add(new Progress(Progress.DIRECTIVE_APPLIED, effective, 0, "directive " + d.describe()
                    + " applied" + (effective == null ? " at the end" : " before step " + effective) + ": "
                    + d.outcome(), now));
        }
        s = s.withSteering(steering).advancedTo(next, now);
        Transition then;
        if (next >= s.steps().size()) {
            then = machine.complete(s, now, progress);
        } else if (pause) {
            progress.add(new Progress(Progress.SESSION_PAUSED, effective, 0, "session " + s.id() + " paused before "
                    + SessionMachine.label(s, s.steps().get(next)) + "; resume to go on", now));
            then = new Transition(Transition.Outcome.APPLIED, s.withStatus(SessionStatus.PAUSED, now),
                    Optional.empty(), List.of(), List.copyOf(progress));
        } else {
            Attempt last = s.steps().get(next).lastAttempt();
            then = machine.request(s, next, last == null ? 1 : last.number() + 1, now, progress);
        }
        return kept.isPresent() ? then.keepingPatches(kept.getAsInt()) : then;
    }

    private static Optional<StepState> find(Session s, String id, StepStatus status) {
        return s.steps().stream().filter(x -> x.id().equals(id) && x.status() == status).findFirst();
    }

    /** Every step from {@code from} on that was verified is pending again, its attempts kept as its record. */
    private static Session redo(Session s, int from) {
        Session out = s;
        for (StepState step : s.steps().subList(from, s.steps().size())) {
            if (step.status() == StepStatus.VERIFIED) {
                out = out.withStep(step.withStatus(StepStatus.PENDING));
            }
        }
        return out;
    }

    /** The accepted patches that build the tree step {@code index} starts from: one per verified step before it. */
    static int verifiedBefore(Session s, int index) {
        return (int) s.steps().subList(0, index).stream().filter(x -> x.status() == StepStatus.VERIFIED).count();
    }
}
