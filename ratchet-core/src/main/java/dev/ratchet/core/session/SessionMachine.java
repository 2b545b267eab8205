package dev.ratchet.core.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import dev.ratchet.core.plan.PlanStep;

/**
 * The planner's decisions, as pure functions of the stored session and what just happened. Progress only ratchets
 * forward: a verdict is applied only to the attempt the session is waiting for, so a redelivered or late verdict
 * can never accept a step twice or move a session back.
 */
public final class SessionMachine {

    private static final int FEEDBACK_TAIL_CHARS = 1500;

    private final int maxAttempts;
    private final int contextBudgetTokens;
    private final Deadlines deadlines;
    private final CandidateDecisions candidates = new CandidateDecisions(this);

    public SessionMachine(int maxAttempts, int contextBudgetTokens) {
        this(maxAttempts, contextBudgetTokens, Deadlines.DEFAULTS);
    }

    public SessionMachine(int maxAttempts, int contextBudgetTokens, Deadlines deadlines) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.contextBudgetTokens = contextBudgetTokens;
        this.deadlines = deadlines;
    }

    /** A new session, waiting for its plan; announced with {@code SessionCreated}. */
    public Transition created(String id, String repo, String goal, String baseCommit, List<Check> checks,
            StepPolicy policy, Instant now) {
        Session session = Session.created(id, repo, goal, baseCommit, checks, policy, now);
        Progress created = new Progress(Progress.SESSION_CREATED, null, 0, "session " + id + " created on " + repo
                + " at " + baseCommit.substring(0, Math.min(12, baseCommit.length())) + ": " + goal, now);
        return new Transition(Transition.Outcome.APPLIED, session, Optional.empty(),
                List.of(SessionCreated.of(id, now, new SessionCreated.Payload(repo, goal, baseCommit,
                        session.checks()))),
                List.of(created));
    }

    /** The planner model's plan: the session runs it. */
    public Transition planned(Session session, List<PlanStep> plan, Instant now) {
        return planned(session, plan, null, now);
    }

    /**
     * A plan, from the planner model ({@code plannedFrom} null) or instantiated from a skill ({@code name@version},
     * recorded on the session and in its terminal event, by which the registry learns how the replay ended).
     */
    public Transition planned(Session session, List<PlanStep> plan, String plannedFrom, Instant now) {
        if (session.status() != SessionStatus.PLANNING) {
            return Transition.ignored(session);
        }
        List<StepState> steps = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            steps.add(StepState.pending(plan.get(i), i));
        }
        Session running = session.withPlan(steps, plannedFrom, now);
        Progress planned = new Progress(Progress.SESSION_PLANNED, null, 0, "plan ready: " + plan.size() + " steps"
                + (plannedFrom == null ? "" : " (planned from skill " + plannedFrom + ", no planner model call)"),
                now);
        return request(running, 0, 1, now, List.of(planned));
    }

    /**
     * The reaper's decision for a session whose deadline passed: nothing while someone works on it; a request that
     * nobody answered is sent again with the same event id and content (a redelivery, not a new attempt), until
     * {@link Deadlines#maxRedeliveries()} makes the step fail naming the hop that went silent; planning whose
     * planner stopped is taken over; a session past its time limit fails.
     */
    public Transition onDeadline(Session session, Liveness liveness, Instant now) {
        if (session.status().terminal()) {
            return Transition.ignored(session);
        }
        if (!now.isBefore(session.createdAt().plus(deadlines.sessionMaxDuration()))) {
            Optional<StepState> step = session.current();
            return fail(session, step.map(StepState::id).orElse(null),
                    step.map(s -> s.lastAttempt() == null ? 0 : s.lastAttempt().number()).orElse(0),
                    "the session did not finish within its time limit of " + describe(deadlines.sessionMaxDuration()),
                    now, List.of());
        }
        if (liveness.leaseHeld()) {
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
        if (liveness.reached() == Liveness.Reached.NOTHING
                && now.isBefore(attempt.lastSentAt().plus(deadlines.unclaimed()))) {
            return Transition.ignored(session);
        }
        String silence = liveness.reached().silence();
        if (attempt.redeliveries() >= deadlines.maxRedeliveries()) {
            String why = silence + " (sent " + (attempt.redeliveries() + 1) + " times)";
            Session failed = session.withStep(step.withAttempt(attempt.abandoned(why, now), StepStatus.FAILED));
            return fail(failed, step.id(), attempt.number(), label(session, step) + " attempt " + attempt.number()
                    + " got no answer: " + why, now, List.of());
        }
        Attempt again = attempt.redelivered(now);
        Session next = session.withStep(step.withAttempt(again, StepStatus.RUNNING)).touched(now);
        Progress redelivered = new Progress(Progress.STEP_REDELIVERED, step.id(), attempt.number(),
                label(session, step) + " attempt " + attempt.number() + " sent again (" + again.redeliveries()
                        + " of " + deadlines.maxRedeliveries() + "): " + silence, now);
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(),
                List.of(requestFor(next, next.steps().get(step.index()))), List.of(redelivered));
    }

    private Transition planningDeadline(Session session, Liveness liveness, Instant now) {
        if (liveness.reached() == Liveness.Reached.NOTHING
                && now.isBefore(session.updatedAt().plus(deadlines.unclaimed()))) {
            return Transition.ignored(session);
        }
        if (session.planningResumes() >= deadlines.maxPlanningResumes()) {
            return fail(session, null, 0, "planning failed: the planner stopped while planning "
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
     * unclaimed deadline, capped by the session's time limit; empty once the session is over. Work leases move it
     * forward while someone works.
     */
    public Optional<Instant> deadline(Session session) {
        if (session.status().terminal()) {
            return Optional.empty();
        }
        Instant expires = session.createdAt().plus(deadlines.sessionMaxDuration());
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

    /**
     * A person cancelled the session (its CodingSession was deleted): it fails with their reason, announced with
     * {@code SessionFailed} like any failure, so work still in flight ends on a session that is over. A finished
     * session stays as it is.
     */
    public Transition cancelled(Session session, String reason, Instant now) {
        if (session.status().terminal()) {
            return Transition.ignored(session);
        }
        return fail(session, null, 0, "cancelled: " + reason, now, List.of());
    }

    public Transition planningFailed(Session session, String reason, Instant now) {
        if (session.status() != SessionStatus.PLANNING) {
            return Transition.ignored(session);
        }
        return fail(session, null, 0, "planning failed: " + reason, now, List.of());
    }

    public Transition onVerdict(Session session, StepVerdict verdict, Instant now) {
        if (verdict.variant() > 0) {
            return candidates.onVerdict(session, verdict, now);
        }
        Optional<StepState> current = session.current();
        if (session.status() == SessionStatus.RUNNING && current.isPresent() && awaits(current.get(), verdict)) {
            return verdict instanceof StepVerified verified
                    ? accept(session, current.get(), verified, now)
                    : reject(session, current.get(), (StepRejected) verdict, now);
        }
        return ledTo(session, verdict) ? Transition.replayed(session, followUp(session)) : Transition.ignored(session);
    }

    private static boolean awaits(StepState step, StepVerdict verdict) {
        Attempt last = step.lastAttempt();
        return step.status() == StepStatus.RUNNING && step.id().equals(verdict.stepId()) && last != null
                && last.number() == verdict.attempt() && last.status() == AttemptStatus.REQUESTED;
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
        return accept(session, step, verdict, now, "");
    }

    /** Accepts {@code verdict} as the step's result; {@code by} names a person's candidate in the progress line. */
    Transition accept(Session session, StepState step, StepVerified verdict, Instant now, String by) {
        Attempt decided = step.lastAttempt().decided(verdict, now);
        Session next = session.withStep(step.withAttempt(decided, StepStatus.VERIFIED));
        AcceptedPatch patch = new AcceptedPatch(step.id(), decided.number(), verdict.variant(),
                verdict.payload().patch());
        List<Progress> progress = new ArrayList<>();
        progress.add(new Progress(Progress.STEP_VERIFIED, step.id(), decided.number(),
                label(session, step) + " attempt " + decided.number() + " verified" + by + checkSummary(decided),
                now));
        Transition then;
        if (step.index() + 1 < session.steps().size()) {
            then = request(next.advancedTo(step.index() + 1, now), step.index() + 1, 1, now, progress);
        } else {
            then = complete(next.advancedTo(step.index() + 1, now), now, progress);
        }
        return new Transition(Transition.Outcome.APPLIED, then.session(), Optional.of(patch), then.events(),
                then.progress());
    }

    private Transition reject(Session session, StepState step, StepRejected verdict, Instant now) {
        Attempt decided = step.lastAttempt().decided(verdict, now);
        StepState rejected = step.withAttempt(decided, StepStatus.RUNNING);
        String why = "at " + verdict.payload().stage() + ": " + verdict.payload().reason();
        List<Progress> progress = new ArrayList<>();
        progress.add(new Progress(Progress.STEP_REJECTED, step.id(), verdict.attempt(),
                label(session, step) + " attempt " + verdict.attempt() + " rejected " + why, now));
        if (verdict.attempt() < maxAttempts) {
            return request(session.withStep(rejected), step.index(), verdict.attempt() + 1, now, progress);
        }
        Session failed = session.withStep(rejected.withStatus(StepStatus.FAILED));
        String reason = label(session, step) + " was rejected " + verdict.attempt() + " times; last " + why;
        return fail(failed, step.id(), verdict.attempt(), reason, now, progress);
    }

    private Transition request(Session session, int index, int attempt, Instant now, List<Progress> before) {
        StepState step = session.steps().get(index);
        Session next = session.withStep(step.withAttempt(Attempt.requested(attempt, now), StepStatus.RUNNING))
                .touched(now);
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.STEP_REQUESTED, step.id(), attempt,
                label(session, step) + " attempt " + attempt + " requested", now));
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(),
                List.of(requestFor(next, next.steps().get(index))), List.copyOf(progress));
    }

    private Transition complete(Session session, Instant now, List<Progress> before) {
        Session done = session.finished(SessionStatus.COMPLETED, null, now);
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.SESSION_COMPLETED, null, 0, "session " + session.id() + " COMPLETED: "
                + done.verifiedSteps() + "/" + done.steps().size() + " steps verified", now));
        return new Transition(Transition.Outcome.APPLIED, done, Optional.empty(), List.of(completed(done)),
                List.copyOf(progress));
    }

    private Transition fail(Session session, String stepId, int attempt, String reason, Instant now,
            List<Progress> before) {
        Session failed = session.finished(SessionStatus.FAILED, reason, now);
        List<Progress> progress = new ArrayList<>(before);
        progress.add(new Progress(Progress.SESSION_FAILED, stepId, attempt, "session " + session.id() + " FAILED: "
                + reason, now));
        return new Transition(Transition.Outcome.APPLIED, failed, Optional.empty(),
                List.of(failedEvent(failed, stepId, attempt)), List.copyOf(progress));
    }

    /** True when the verdict is the stored decision that produced the session's present state. */
    private static boolean ledTo(Session session, StepVerdict verdict) {
        AttemptStatus expected = verdict instanceof StepVerified ? AttemptStatus.VERIFIED : AttemptStatus.REJECTED;
        return decisionBehind(session)
                .filter(d -> d.step().id().equals(verdict.stepId()) && d.attempt().number() == verdict.attempt()
                        && d.attempt().status() == expected)
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
        if (session.status() == SessionStatus.FAILED) {
            StepState step = session.current().orElse(null);
            return List.of(failedEvent(session, step == null ? null : step.id(),
                    step == null || step.lastAttempt() == null ? 0 : step.lastAttempt().number()));
        }
        return session.current().<List<RatchetEvent>>map(s -> List.of(requestFor(session, s))).orElse(List.of());
    }

    private StepRequested requestFor(Session session, StepState step) {
        Attempt attempt = step.lastAttempt();
        StepWork work = new StepWork(step.index(), step.index(), session.steps().size(), step.title(),
                step.instructions(), session.goal());
        List<String> feedback = step.attempts().stream().filter(a -> a.status() == AttemptStatus.REJECTED)
                .map(SessionMachine::feedback).toList();
        return StepRequested.of(session.id(), step.id(), attempt.number(), 0, attempt.requestedAt(),
                new StepRequested.Payload(work, feedback, contextBudgetTokens));
    }

    private static SessionCompleted completed(Session session) {
        List<SessionCompleted.CompletedStep> steps = session.steps().stream()
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

    private static String feedback(Attempt attempt) {
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
        if (attempt.checks() == null || attempt.checks().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (");
        attempt.checks().forEach(c -> s.append(c.name()).append(' ').append(c.skipped() != null ? "skipped, "
                : (c.passed() ? "passed" : "failed") + (c.cached() ? " (cached), " : " in " + c.durationMs()
                        + " ms, ")));
        s.setLength(s.length() - 2);
        return s.append(')').toString();
    }
}
