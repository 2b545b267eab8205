package dev.ratchet.core.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Usage;

/**
 * A session as the planner keeps it: the goal, where it runs, the plan with each step's attempts, and where it
 * stands. {@code planningResumes} counts how often planning was taken over after the planner doing it stopped;
 * {@code plannedFrom} names the skill the plan was instantiated from ({@code name@version}, see {@link
 * dev.ratchet.core.skill.replay.SkillRef}), null when the planner model made it; {@code steering} holds the
 * approval mode and people's directives; {@code version} increases with every stored change; {@code plannerUsage}
 * is what the planner model's answers cost (none when a skill planned); {@code revisions} are the re-plannings after
 * a step failed all its attempts ({@link Revision}), oldest first.
 */
public record Session(String id, String repo, String goal, String baseCommit, List<Check> checks,
        StepPolicy policy, SessionStatus status, List<StepState> steps, int currentStep, Instant createdAt, Instant updatedAt,
        Instant finishedAt, String failureReason, int planningResumes, String plannedFrom, Steering steering,
        long version, Usage plannerUsage, List<Revision> revisions) {

    public Session {
        plannerUsage = plannerUsage == null ? Usage.NONE : plannerUsage;
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
        policy = policy == null ? StepPolicy.DEFAULTS : policy;
        steering = steering == null ? Steering.AUTO : steering;
    }

    /** A session that was never re-planned. */
    public Session(String id, String repo, String goal, String baseCommit, List<Check> checks, StepPolicy policy,
            SessionStatus status, List<StepState> steps, int currentStep, Instant createdAt, Instant updatedAt,
            Instant finishedAt, String failureReason, int planningResumes, String plannedFrom, Steering steering,
            long version, Usage plannerUsage) {
        this(id, repo, goal, baseCommit, checks, policy, status, steps, currentStep, createdAt, updatedAt, finishedAt,
                failureReason, planningResumes, plannedFrom, steering, version, plannerUsage, List.of());
    }

    public static Session created(String id, String repo, String goal, String baseCommit, List<Check> checks,
            StepPolicy policy, Instant now) {
        return created(id, repo, goal, baseCommit, checks, policy, Approval.AUTO, now);
    }

    public static Session created(String id, String repo, String goal, String baseCommit, List<Check> checks,
            StepPolicy policy, Approval approval, Instant now) {
        return new Session(id, repo, goal, baseCommit, List.copyOf(checks), policy, SessionStatus.PLANNING,
                List.of(), 0, now, now, null, null, 0, null, new Steering(approval, List.of()), 0,
                Usage.NONE, List.of());
    }

    /** The same session as stored at {@code storedVersion}. */
    public Session withVersion(long storedVersion) {
        return new Session(id, repo, goal, baseCommit, checks, policy, status, steps, currentStep, createdAt, updatedAt,
                finishedAt, failureReason, planningResumes, plannedFrom, steering, storedVersion, plannerUsage, revisions);
    }

    public Optional<StepState> current() {
        return currentStep < steps.size() ? Optional.of(steps.get(currentStep)) : Optional.empty();
    }

    public long verifiedSteps() {
        return steps.stream().filter(s -> s.status() == StepStatus.VERIFIED).count();
    }

    /** What the executors' attempts cost; the planner's is {@link #plannerUsage()}. */
    public Usage usage() {
        return steps.stream().flatMap(s -> s.attempts().stream()).map(Attempt::usage).reduce(Usage.NONE,
                Usage::plus);
    }

    /** The model tokens of every role, in and out: the planner's and every attempt's (what a token budget counts). */
    public long tokens() {
        Usage executors = usage();
        return (long) plannerUsage.tokensIn() + plannerUsage.tokensOut() + executors.tokensIn()
                + executors.tokensOut();
    }

    Session withPlannerUsage(Usage planner) {
        return new Session(id, repo, goal, baseCommit, checks, policy, status, steps, currentStep, createdAt,
                updatedAt, finishedAt, failureReason, planningResumes, plannedFrom, steering, version, planner, revisions);
    }

    Session withStep(StepState step) {
        List<StepState> list = new ArrayList<>(steps);
        list.set(step.index(), step);
        return new Session(id, repo, goal, baseCommit, checks, policy, status, List.copyOf(list), currentStep, createdAt,
                updatedAt, finishedAt, failureReason, planningResumes, plannedFrom, steering, version, plannerUsage, revisions);
    }

    Session withPlan(List<StepState> plan, SessionStatus next, String source, Instant now) {
        return new Session(id, repo, goal, baseCommit, checks, policy, next, List.copyOf(plan), 0,
                createdAt, now, null, null, planningResumes, source, steering, version, plannerUsage, revisions);
    }

    Session planningResumed(Instant now) {
        return new Session(id, repo, goal, baseCommit, checks, policy, status, steps, currentStep, createdAt, now, finishedAt,
                failureReason, planningResumes + 1, plannedFrom, steering, version, plannerUsage, revisions);
    }

    Session advancedTo(int step, Instant now) {
        return new Session(id, repo, goal, baseCommit, checks, policy, status, steps, step, createdAt, now, finishedAt,
                failureReason, planningResumes, plannedFrom, steering, version, plannerUsage, revisions);
    }

    Session touched(Instant now) {
        return new Session(id, repo, goal, baseCommit, checks, policy, status, steps, currentStep, createdAt, now, finishedAt,
                failureReason, planningResumes, plannedFrom, steering, version, plannerUsage, revisions);
    }

    Session finished(SessionStatus end, String reason, Instant now) {
        return new Session(id, repo, goal, baseCommit, checks, policy, end, steps, currentStep, createdAt, now, now, reason,
                planningResumes, plannedFrom, steering, version, plannerUsage, revisions);
    }

    /** The notes people gave, for the executor prompt ({@link Steering#notes}). */
    public List<String> steeringNotes() {
        return steering.notes();
    }

    Session withSteering(Steering next) {
        return new Session(id, repo, goal, baseCommit, checks, policy, status, steps, currentStep, createdAt, updatedAt,
                finishedAt, failureReason, planningResumes, plannedFrom, next, version, plannerUsage, revisions);
    }

    Session withPolicy(StepPolicy next) {
        return new Session(id, repo, goal, baseCommit, checks, next, status, steps, currentStep, createdAt, updatedAt,
                finishedAt, failureReason, planningResumes, plannedFrom, steering, version, plannerUsage, revisions);
    }

    Session withStatus(SessionStatus next, Instant now) {
        return new Session(id, repo, goal, baseCommit, checks, policy, next, steps, currentStep, createdAt, now,
                finishedAt, failureReason, planningResumes, plannedFrom, steering, version, plannerUsage, revisions);
    }

    /** The re-planning waiting for the planner model's answer, if any. */
    public Optional<Revision> pendingRevision() {
        return revisions.isEmpty() || !revisions.get(revisions.size() - 1).pending() ? Optional.empty()
                : Optional.of(revisions.get(revisions.size() - 1));
    }

    /** Planning again after a failed step: the steps stay as they are until the revision comes. */
    Session replanning(Revision revision, Instant now) {
        List<Revision> list = new ArrayList<>(revisions);
        list.add(revision);
        return new Session(id, repo, goal, baseCommit, checks, policy, SessionStatus.PLANNING, steps, currentStep,
                createdAt, now, finishedAt, failureReason, 0, plannedFrom, steering, version, plannerUsage, list);
    }

    /** The revised plan in place, its revision recorded as answered, the session at {@code next} from step {@code current}. */
    Session revised(List<StepState> plan, Revision revision, SessionStatus next, Instant now) {
        List<Revision> list = new ArrayList<>(revisions);
        list.set(list.size() - 1, revision);
        return new Session(id, repo, goal, baseCommit, checks, policy, next, List.copyOf(plan), currentStep,
                createdAt, now, finishedAt, failureReason, planningResumes, plannedFrom, steering, version,
                plannerUsage, list);
    }
}
