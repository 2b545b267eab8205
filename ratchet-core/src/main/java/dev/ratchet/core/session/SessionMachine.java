package dev.ratchet.core.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanStep;

/**
 * The planner's decisions, as pure functions of the stored session and what just happened. Progress only ratchets
 * forward: a verdict is applied only to the attempt the session is waiting for, so a redelivered or late verdict
 * can never accept a step twice or move a session back.
 */
public final class SessionMachine {

    private static final int FEEDBACK_TAIL_CHARS = 1500;

    /** Attempts per step unless the session asks for its own {@code rounds} ({@link StepPolicy#attempts}). */
    private final int maxAttempts;
    private final int contextBudgetTokens;
    private final Fanout fanout;
    private final CandidateDecisions candidates = new CandidateDecisions(this);
    private final VariantDecisions variants = new VariantDecisions(this);
    private final SteeringDecisions steering = new SteeringDecisions(this);
    private final DeadlineDecisions timing;
    private final ReplanDecisions replans;

    public SessionMachine(int maxAttempts, int contextBudgetTokens) {
        this(maxAttempts, contextBudgetTokens, Deadlines.DEFAULTS);
    }

    public SessionMachine(int maxAttempts, int contextBudgetTokens, Deadlines deadlines) {
        this(maxAttempts, contextBudgetTokens, deadlines, Fanout.DEFAULTS);
    }

    /** @param fanout how the variants of an attempt fanned out to several are sampled */
    public SessionMachine(int maxAttempts, int contextBudgetTokens, Deadlines deadlines, Fanout fanout) {
        this(maxAttempts, contextBudgetTokens, deadlines, fanout, 0);
    }

    /**
     * @param replans how often per session the planner model may revise the plan after a step failed all its
     *        attempts, before the session fails (0: never)
     */
    public SessionMachine(int maxAttempts, int contextBudgetTokens, Deadlines deadlines, Fanout fanout,
            int replans) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.contextBudgetTokens = contextBudgetTokens;
        this.fanout = fanout;
        this.timing = new DeadlineDecisions(this, deadlines);
        this.replans = new ReplanDecisions(steering, replans);
    }

    /** A new session whose plan runs without approval ({@link Approval#AUTO}). */
    public Transition created(String id, String repo, String goal, String baseCommit, List<Check> checks,
            StepPolicy policy, Instant now) {
        return created(id, repo, goal, baseCommit, checks, policy, Approval.AUTO, now);
    }

    /** A new session, waiting for its plan; announced with {@code SessionCreated}. */
    public Transition created(String id, String repo, String goal, String baseCommit, List<Check> checks,
            StepPolicy policy, Approval approval, Instant now) {
        Session session = Session.created(id, repo, goal, baseCommit, checks, policy, approval, now);
        Progress created = new Progress(Progress.SESSION_CREATED, null, 0, "session " + id + " created on " + repo
                + " at " + baseCommit.substring(0, Math.min(12, baseCommit.length())) + ": " + goal, now);
        return new Transition(Transition.Outcome.APPLIED, session, Optional.empty(),
                List.of(SessionCreated.of(id, now, new SessionCreated.Payload(repo, goal, baseCommit,
                        session.checks()))),
                List.of(created));
    }

    /**
     * A new session resumed from the repository's PLAN.md and PROGRESS.md ({@code dev.ratchet.core.files.ResumeFiles}):
     * no planner model call; the steps in {@code done} (indexes) are {@link StepStatus#DONE}, already in the base
     * commit, and the session goes on at the first step that is not, as a planned one would (manual approval waits).
     */
    public Transition resumed(String id, String repo, String goal, String baseCommit, List<Check> checks,
            StepPolicy policy, Approval approval, List<PlanStep> plan, Set<Integer> done, Instant now) {
        Transition created = created(id, repo, goal, baseCommit, checks, policy, approval, now);
        List<StepState> steps = new ArrayList<>(pending(plan));
        done.forEach(i -> steps.set(i, steps.get(i).withStatus(StepStatus.DONE)));
        Progress resumed = new Progress(Progress.SESSION_PLANNED, null, 0, "plan resumed from PLAN.md and "
                + "PROGRESS.md: " + plan.size() + " steps, " + done.size() + " already done, no planner model call"
                + (approval == Approval.MANUAL ? "; waiting for approval" : ""), now);
        List<Progress> before = new ArrayList<>(created.progress());
        before.add(resumed);
        Transition then;
        if (approval == Approval.MANUAL) {
            then = new Transition(Transition.Outcome.APPLIED, created.session().withPlan(steps,
                    SessionStatus.AWAITING_APPROVAL, null, now), Optional.empty(), List.of(), before);
        } else {
            then = steering.atBoundary(created.session().withPlan(steps, SessionStatus.RUNNING, null, now), 0, now,
                    before);
        }
        List<RatchetEvent> events = new ArrayList<>(created.events());
        events.addAll(then.events());
        return new Transition(Transition.Outcome.APPLIED, then.session(), Optional.empty(), List.copyOf(events),
                then.progress()).withPlan(plan);
    }

    /** The planner model's plan: the session runs it. */
    public Transition planned(Session session, List<PlanStep> plan, Instant now) {
        return planned(session, plan, null, now);
    }

    /**
     * A plan, from the planner model ({@code plannedFrom} null) or instantiated from a skill ({@code name@version},
     * recorded on the session and in its terminal event, by which the registry learns how the replay ended). With
     * manual approval the session waits for a person; otherwise its first step boundary comes at once.
     */
    public Transition planned(Session session, List<PlanStep> plan, String plannedFrom, Instant now) {
        return planned(session, plan, plannedFrom, Usage.NONE, now);
    }

    /** As above, recording what the planner model's answer cost ({@code planner}), which the token budget counts. */
    public Transition planned(Session session, List<PlanStep> plan, String plannedFrom, Usage planner, Instant now) {
        if (session.status() != SessionStatus.PLANNING) {
            return Transition.ignored(session);
        }
        session = session.withPlannerUsage(planner);
        boolean manual = session.steering().approval() == Approval.MANUAL;
        Progress planned = new Progress(Progress.SESSION_PLANNED, null, 0, "plan ready: " + plan.size() + " steps"
                + (plannedFrom == null ? "" : " (planned from skill " + plannedFrom + ", no planner model call)")
                + (manual ? "; waiting for approval" : ""), now);
        if (manual) {
            return new Transition(Transition.Outcome.APPLIED, session.withPlan(pending(plan),
                    SessionStatus.AWAITING_APPROVAL, plannedFrom, now), Optional.empty(), List.of(), List.of(planned))
                    .withPlan(plan);
        }
        Session running = session.withPlan(pending(plan), SessionStatus.RUNNING, plannedFrom, now);
        return steering.atBoundary(running, 0, now, List.of(planned)).withPlan(plan);
    }

    /** A person's edit of a plan that waits for approval (validated by {@code PlanRules} before). */
    public Transition planEdited(Session session, List<PlanStep> plan, Instant now) {
        return steering.planEdited(session, plan, now);
    }

    /** A person approved the plan: the first step boundary (pending directives apply, then step 1 is asked for). */
    public Transition approved(Session session, Instant now) {
        return steering.approved(session, now);
    }

    /**
     * A person's directives ({@link DirectiveRules} says which the session takes now): kept and applied at the next
     * step boundary, except {@code cancel} and a paused session's {@code resume}, which act at once. Ignored, with
     * nothing stored, when any of them is refused.
     */
    public Transition steered(Session session, List<Directive> directives, Instant now) {
        return steering.steered(session, directives, now);
    }

    static List<StepState> pending(List<PlanStep> plan) {
        List<StepState> steps = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            steps.add(StepState.pending(plan.get(i), i));
        }
        return steps;
    }

    /**
     * The reaper's decision for a session whose deadline passed: nothing while someone works on it; a request that
     * nobody answered is sent again with the same event id and content (a redelivery, not a new attempt), until
     * {@link Deadlines#maxRedeliveries()} makes the step fail naming the hop that went silent; planning whose
     * planner stopped is taken over; a session past its time limit fails.
     */
    public Transition onDeadline(Session session, Liveness liveness, Instant now) {
        return timing.onDeadline(session, liveness, now);
    }

    /**
     * When the reaper must next look at the session if nothing happens before: a waiting request's or plan's
     * unclaimed deadline, capped by the session's time limit; empty once the session is over. Work leases move it
     * forward while someone works.
     */
    public Optional<Instant> deadline(Session session) {
        return timing.deadline(session);
    }

    /**
     * The reaper's decision for a fanned-out attempt whose deadline passed with some of its variants' verdicts in
     * and nobody working on the rest: it is decided on the verdicts it has ({@link VariantDecisions#due}).
     */
    Transition variantsDue(Session session, StepState step, Instant now) {
        return variants.due(session, step, now);
    }

    /** Planning, or re-planning after a failed step ({@link Session#pendingRevision()}), failed: so does the session. */
    public Transition planningFailed(Session session, String reason, Instant now) {
        if (session.status() != SessionStatus.PLANNING) {
            return Transition.ignored(session);
        }
        Optional<Revision> revision = session.pendingRevision();
        if (revision.isPresent()) {
            return fail(session, revision.get().failedStep(), 0, ReplanDecisions.failure(revision.get(), reason), now,
                    List.of());
        }
        return fail(session, null, 0, "planning failed: " + reason, now, List.of());
    }

    /**
     * The planner model's revision of a session re-planning after a failed step ({@link ReplanDecisions#revised}):
     * it replaces the failed step and the ones after it; the verified steps before stay. Ignored when the session
     * does not wait for a revision (a replayed or late answer).
     */
    public Transition replanned(Session session, List<PlanStep> revision, Usage planner, Instant now) {
        return replans.revised(session, revision, planner, now);
    }

    /**
     * A verifier's verdict on one variant of an attempt. A person's candidate goes to {@link CandidateDecisions}; a
     * variant of an attempt fanned out to several is collected until the attempt can be decided
     * ({@link VariantDecisions}); the verdict of an attempt of one variant decides it at once.
     */
    public Transition onVerdict(Session session, StepVerdict verdict, Instant now) {
        if (Candidate.isPersons(verdict.variant())) {
            return candidates.onVerdict(session, verdict, now);
        }
        Optional<StepState> current = session.current();
        if (session.status() == SessionStatus.RUNNING && current.isPresent() && awaits(current.get(), verdict)) {
            if (current.get().lastAttempt().width() > 1) {
                return variants.onVerdict(session, current.get(), verdict, now);
            }
            return verdict instanceof StepVerified verified
                    ? accept(session, current.get(), verified, now)
                    : reject(session, current.get(), (StepRejected) verdict, now);
        }
        return ledTo(session, verdict) ? Transition.replayed(session, followUp(session)) : Transition.ignored(session);
    }

    private static boolean awaits(StepState step, StepVerdict verdict) {
        Attempt last = step.lastAttempt();
        return step.status() == StepStatus.RUNNING && step.id().equals(verdict.stepId()) && last != null
                && last.number() == verdict.attempt() && last.status() == AttemptStatus.REQUESTED
                && verdict.variant() >= 0 && verdict.variant() < last.width();
    }

    /**
     * A person's candidate patch for the step that runs now, to be verified exactly like a model's
     * ({@link CandidateDecisions#submitted}). Ignored when the step is not the one running.
     *
     * @param patch the submission normalised to a unified diff against the step's starting state, stored as a blob
     */
    public Transition candidate(Session session, String stepId, String author, BlobRef patch, PatchStats stats,
            Instant now) {
        return candidates.submitted(session, stepId, author, patch, stats, now);
    }

    /** The step {@code stepId} when it is the one the session runs now and it waits for a verdict. */
    public static Optional<StepState> running(Session session, String stepId) {
        return session.current().filter(step -> session.status() == SessionStatus.RUNNING
                && step.id().equals(stepId) && step.status() == StepStatus.RUNNING && step.lastAttempt() != null
                && step.lastAttempt().status() == AttemptStatus.REQUESTED);
    }

    private Transition accept(Session session, StepState step, StepVerified verdict, Instant now) {
        return accept(session, step, verdict, now, "", List.of());
    }

    /**
     * Accepts {@code verdict} as the step's result; {@code by} names a person's candidate or the winning variant in
     * the progress line, which comes after {@code before}.
     */
    Transition accept(Session session, StepState step, StepVerified verdict, Instant now, String by,
            List<Progress> before) {
        Attempt decided = step.lastAttempt().decided(verdict, now);
        Session next = session.withStep(step.withAttempt(decided, StepStatus.VERIFIED));
        AcceptedPatch patch = new AcceptedPatch(step.id(), decided.number(), verdict.variant(),
                verdict.payload().patch());
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.STEP_VERIFIED, step.id(), decided.number(),
                label(session, step) + " attempt " + decided.number() + " verified" + by + checkSummary(decided),
                now));
        Transition then = steering.atBoundary(next, step.index() + 1, now, progress);
        return new Transition(Transition.Outcome.APPLIED, then.session(), Optional.of(patch), then.events(),
                then.progress(), then.plan(), then.patchesKept());
    }

    private Transition reject(Session session, StepState step, StepRejected verdict, Instant now) {
        return reject(session, step, verdict, now, "", List.of());
    }

    /**
     * Rejects the attempt with {@code verdict}'s reason (for a fanned-out attempt, the best failing variant's, named
     * by {@code by}); the next attempt is asked for, or the step fails after the last.
     */
    Transition reject(Session session, StepState step, StepRejected verdict, Instant now, String by,
            List<Progress> before) {
        Attempt decided = step.lastAttempt().decided(verdict, now);
        StepState rejected = step.withAttempt(decided, StepStatus.RUNNING);
        String why = "at " + verdict.payload().stage() + ": " + verdict.payload().reason();
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.STEP_REJECTED, step.id(), verdict.attempt(),
                label(session, step) + " attempt " + verdict.attempt() + " rejected" + by + " " + why, now));
        if (verdict.attempt() < session.policy().attempts(maxAttempts)) {
            return request(session.withStep(rejected), step.index(), verdict.attempt() + 1, now, progress);
        }
        Session failed = session.withStep(rejected.withStatus(StepStatus.FAILED));
        String reason = label(session, step) + " was rejected " + verdict.attempt() + " times; last " + why;
        if (replans.allowed(failed)) {
            return replans.requested(failed, step, verdict.attempt(), reason, now, progress);
        }
        if (replans.max() > 0) {
            reason += "; no re-planning left (" + failed.revisions().size() + " of " + replans.max() + " used)";
        }
        return fail(failed, step.id(), verdict.attempt(), reason, now, progress);
    }

    Transition request(Session session, int index, int attempt, Instant now, List<Progress> before) {
        Optional<String> overBudget = BudgetDecisions.tokensExceeded(session);
        if (overBudget.isPresent()) {
            return cancel(session, overBudget.get(), now, before);
        }
        StepState step = session.steps().get(index);
        int width = Fanout.width(session, step);
        Session next = session.withStep(step.withAttempt(Attempt.requested(attempt, now, width), StepStatus.RUNNING))
                .touched(now);
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.STEP_REQUESTED, step.id(), attempt,
                label(session, step) + " attempt " + attempt + " requested"
                        + (width > 1 ? " (" + width + " variants)" : ""), now));
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(),
                List.copyOf(requestsFor(next, next.steps().get(index))), List.copyOf(progress));
    }

    Transition complete(Session session, Instant now, List<Progress> before) {
        Session done = session.finished(SessionStatus.COMPLETED, null, now);
        List<Progress> progress = new ArrayList<>(before);
        long directives = done.steering().applied();
        progress.add(new Progress(Progress.SESSION_COMPLETED, null, 0, "session " + session.id() + " COMPLETED: "
                + done.verifiedSteps() + "/" + done.steps().size() + " steps verified"
                + (directives == 0 ? "" : " (" + directives + (directives == 1 ? " directive" : " directives")
                        + " applied)") + VariantDecisions.bestOf(done), now));
        return new Transition(Transition.Outcome.APPLIED, done, Optional.empty(), List.of(completed(done)),
                List.copyOf(progress));
    }

    Transition fail(Session session, String stepId, int attempt, String reason, Instant now,
            List<Progress> before) {
        Session failed = session.finished(SessionStatus.FAILED, reason, now);
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.SESSION_FAILED, stepId, attempt, "session " + session.id() + " FAILED: "
                + reason, now));
        return new Transition(Transition.Outcome.APPLIED, failed, Optional.empty(),
                List.of(failedEvent(failed, stepId, attempt)), List.copyOf(progress));
    }

    /**
     * A person's {@code cancel} or the kill switch ({@link BudgetDecisions}): the session ends now, announced with
     * {@code SessionFailed} (its reason names the directive or the budget); a verdict for the attempt in flight finds
     * it finished and is dropped.
     */
    Transition cancel(Session session, String reason, Instant now, List<Progress> before) {
        Session cancelled = session.finished(SessionStatus.CANCELLED, reason, now);
        StepState step = session.current().orElse(null);
        int attempt = step == null || step.lastAttempt() == null ? 0 : step.lastAttempt().number();
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.SESSION_CANCELLED, step == null ? null : step.id(), attempt, "session "
                + session.id() + " CANCELLED: " + reason + "; " + cancelled.verifiedSteps() + "/"
                + cancelled.steps().size() + " steps verified", now));
        return new Transition(Transition.Outcome.APPLIED, cancelled, Optional.empty(),
                List.of(failedEvent(cancelled, step == null ? null : step.id(), attempt)), List.copyOf(progress));
    }

    /** True when the verdict is the stored decision that produced the session's present state. */
    private static boolean ledTo(Session session, StepVerdict verdict) {
        AttemptStatus expected = verdict instanceof StepVerified ? AttemptStatus.VERIFIED : AttemptStatus.REJECTED;
        return decisionBehind(session)
                .filter(d -> d.step().id().equals(verdict.stepId()) && d.attempt().number() == verdict.attempt()
                        && (d.attempt().width() > 1
                                ? d.attempt().outcome(verdict.variant()).filter(o -> o.status() == expected)
                                        .isPresent()
                                : verdict.variant() == 0 && d.attempt().status() == expected))
                .isPresent();
    }

    private record Decision(StepState step, Attempt attempt) {
    }

    private static Optional<Decision> decisionBehind(Session session) {
        if (session.status() == SessionStatus.PLANNING || session.steps().isEmpty()) {
            return Optional.empty();
        }
        int index = Math.min(session.currentStep(), session.steps().size() - 1);
        StepState step = session.steps().get(index);
        Attempt last = step.lastAttempt();
        if (last == null) {
            return Optional.empty();
        }
        if (last.status() != AttemptStatus.REQUESTED) {
            return Optional.of(new Decision(step, last));
        }
        if (last.number() > 1) {
            return Optional.of(new Decision(step, step.attempts().get(step.attempts().size() - 2)));
        }
        if (index == 0) {
            return Optional.empty();
        }
        StepState previous = session.steps().get(index - 1);
        return Optional.ofNullable(previous.lastAttempt()).map(a -> new Decision(previous, a));
    }

    /** The events the present state was reached with, rebuilt identically (same ids, same times). */
    private List<RatchetEvent> followUp(Session session) {
        if (session.status() == SessionStatus.COMPLETED) {
            return List.of(completed(session));
        }
        if (session.status() == SessionStatus.FAILED || session.status() == SessionStatus.CANCELLED) {
            StepState step = session.current().orElse(null);
            return List.of(failedEvent(session, step == null ? null : step.id(),
                    step == null || step.lastAttempt() == null ? 0 : step.lastAttempt().number()));
        }
        if (session.status() != SessionStatus.RUNNING) {
            return List.of();
        }
        return session.current().<List<RatchetEvent>>map(s -> List.copyOf(requestsFor(session, s)))
                .orElse(List.of());
    }

    /**
     * The requests of the step's current attempt still waiting for a verdict: one per missing variant (variant 0
     * alone for an attempt of one variant), each with the same id and content every time it is sent.
     */
    List<StepRequested> requestsFor(Session session, StepState step) {
        Attempt attempt = step.lastAttempt();
        return attempt.missingVariants().stream().map(v -> requestFor(session, step, v, attempt.width())).toList();
    }

    private StepRequested requestFor(Session session, StepState step, int variant, int width) {
        Attempt attempt = step.lastAttempt();
        StepWork work = new StepWork(SteeringDecisions.verifiedBefore(session, step.index()), step.index(),
                session.steps().size(), step.title(), step.instructions(), session.goal());
        List<String> feedback = new ArrayList<>(step.attempts().stream()
                .filter(a -> a.status() == AttemptStatus.REJECTED).map(SessionMachine::feedback).toList());
        feedback.addAll(session.steering().redoFeedback(step.id()));
        return StepRequested.of(session.id(), step.id(), attempt.number(), variant, attempt.requestedAt(),
                new StepRequested.Payload(work, feedback, contextBudgetTokens,
                        fanout.sampling(attempt.number(), variant, width, step.approaches())));
    }

    private static SessionCompleted completed(Session session) {
        List<SessionCompleted.CompletedStep> steps = session.steps().stream()
                .filter(s -> s.status() == StepStatus.VERIFIED)
                .map(s -> new SessionCompleted.CompletedStep(s.id(), s.title(), s.instructions(), s.attemptCount(),
                        s.lastAttempt().stats()))
                .toList();
        return SessionCompleted.of(session.id(), session.finishedAt(), new SessionCompleted.Payload(session.repo(),
                session.goal(), session.baseCommit(), steps, session.checks(), session.policy().guardrails(),
                session.usage(), duration(session), session.plannedFrom()));
    }

    private static SessionFailed failedEvent(Session session, String stepId, int attempt) {
        return SessionFailed.of(session.id(), stepId, attempt, session.finishedAt(), new SessionFailed.Payload(
                session.repo(), session.goal(), session.failureReason(), (int) session.verifiedSteps(),
                session.usage(), duration(session), session.plannedFrom()));
    }

    private static long duration(Session session) {
        return Duration.between(session.createdAt(), session.finishedAt()).toMillis();
    }

    /** What the executor (and, re-planning, the planner model) is told about a rejected attempt. */
    public static String feedback(Attempt attempt) {
        String text = "at " + attempt.stage() + ": " + attempt.reason();
        String tail = attempt.outputTail();
        if (tail == null || tail.isBlank()) {
            return text;
        }
        String cut = tail.length() > FEEDBACK_TAIL_CHARS ? tail.substring(tail.length() - FEEDBACK_TAIL_CHARS) : tail;
        return text + "\nOutput:\n" + cut;
    }

    static String label(Session session, StepState step) {
        return "step " + (step.index() + 1) + "/" + session.steps().size() + " \"" + step.title() + "\"";
    }

    private static String checkSummary(Attempt attempt) {
        String summary = attempt.checkSummary();
        return summary.isEmpty() ? "" : " (" + summary + ")";
    }
}
