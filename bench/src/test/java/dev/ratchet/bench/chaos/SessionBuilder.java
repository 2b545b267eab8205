package dev.ratchet.bench.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.AttemptStatus;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;

/**
 * Session data as {@link RedisView} reads it, built the way the planner, executors and verifier write it: the
 * demo's three steps, the second rejected once. Each progress entry is written one second after the one before.
 */
final class SessionBuilder {

    static final long T0 = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    static final List<String> PLAN = List.of("step-1", "step-2", "step-3");

    private final String id;
    private String status = "COMPLETED";
    private final Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
    private final List<ProgressEntry> progress = new ArrayList<>();
    private final List<AcceptedPatch> chain = new ArrayList<>();
    private final List<Optional<String>> patches = new ArrayList<>();
    private long clock = T0;

    private SessionBuilder(String id) {
        this.id = id;
        PLAN.forEach(step -> attempts.put(step, new ArrayList<>()));
    }

    static SessionBuilder session(String id) {
        return new SessionBuilder(id).entry(Progress.SESSION_CREATED, null, 0, "session created")
                .entry(Progress.SESSION_PLANNED, null, 0, "planned 3 steps");
    }

    /** The demo session, completed: step 2's first attempt rejected at its check. */
    static SessionBuilder completed(String id) {
        return session(id).verified("step-1", 1, "executor-1").rejected("step-2", 1, "executor-2")
                .verified("step-2", 2, "executor-1").verified("step-3", 1, "executor-2").completedAt();
    }

    SessionBuilder entry(String type, String step, int attempt, String message) {
        clock += 1000;
        progress.add(new ProgressEntry(clock + "-0", type, step, attempt, message));
        return this;
    }

    /** The time of the last entry written. */
    long now() {
        return clock;
    }

    SessionBuilder requested(String step, int attempt) {
        attempts.get(step).add(attempt(attempt, AttemptStatus.REQUESTED));
        return entry(Progress.STEP_REQUESTED, step, attempt, label(step, attempt) + " requested");
    }

    SessionBuilder started(String step, int attempt, String executor) {
        return entry(Progress.STEP_STARTED, step, attempt, label(step, attempt) + " started on " + executor);
    }

    SessionBuilder executed(String step, int attempt, String executor) {
        return entry(Progress.STEP_EXECUTED, step, attempt, label(step, attempt) + " executed by " + executor)
                .entry(Progress.STEP_VERIFYING, step, attempt, label(step, attempt) + " verifying on verifier-service");
    }

    /** The planner applying a StepVerified: the attempt, the progress entry and the patch at the end of the chain. */
    SessionBuilder verify(String step, int attempt) {
        decide(step, attempt, AttemptStatus.VERIFIED);
        String patch = "diff --git a/" + step + " b/" + step + "\n";
        chain.add(new AcceptedPatch(step, attempt, 0, BlobRef.of(id, patch)));
        patches.add(Optional.of(patch));
        return entry(Progress.STEP_VERIFIED, step, attempt, label(step, attempt) + " verified");
    }

    SessionBuilder verified(String step, int attempt, String executor) {
        return requested(step, attempt).started(step, attempt, executor).executed(step, attempt, executor)
                .verify(step, attempt);
    }

    SessionBuilder rejected(String step, int attempt, String executor) {
        requested(step, attempt).started(step, attempt, executor).executed(step, attempt, executor);
        decide(step, attempt, AttemptStatus.REJECTED);
        return entry(Progress.STEP_REJECTED, step, attempt, label(step, attempt) + " rejected at check");
    }

    SessionBuilder completedAt() {
        status = "COMPLETED";
        return entry(Progress.SESSION_COMPLETED, null, 0, "session completed");
    }

    SessionBuilder status(String s) {
        status = s;
        return this;
    }

    /** Drops the last {@code n} entries of the chain, as a lost append would. */
    SessionBuilder withoutLastPatches(int n) {
        for (int i = 0; i < n; i++) {
            chain.remove(chain.size() - 1);
            patches.remove(patches.size() - 1);
        }
        return this;
    }

    SessionBuilder withoutBlob(int index) {
        patches.set(index, Optional.empty());
        return this;
    }

    SessionRecord build() {
        List<StepState> steps = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<Attempt>> e : attempts.entrySet()) {
            boolean verified = e.getValue().stream().anyMatch(a -> a.status() == AttemptStatus.VERIFIED);
            steps.add(new StepState(e.getKey(), index++, e.getKey(), "do " + e.getKey(), verified ? StepStatus.VERIFIED
                    : StepStatus.PENDING, List.copyOf(e.getValue()), List.of()));
        }
        return new SessionRecord(id, true, status, "FAILED".equals(status) ? "step step-2 failed after 3 attempts"
                : "", "/repos/" + id, "base", PLAN, steps, List.copyOf(progress), List.copyOf(chain),
                List.copyOf(patches));
    }

    private void decide(String step, int attempt, AttemptStatus outcome) {
        List<Attempt> list = attempts.get(step);
        list.removeIf(a -> a.number() == attempt && a.status() == AttemptStatus.REQUESTED);
        list.add(attempt(attempt, outcome));
    }

    private Attempt attempt(int number, AttemptStatus outcome) {
        Instant at = Instant.ofEpochMilli(clock);
        return new Attempt(number, outcome, at, outcome == AttemptStatus.REQUESTED ? null : at, null, null, null, null,
                null, List.of(), null, 0, at);
    }

    private static String label(String step, int attempt) {
        return "step " + step.substring(step.indexOf('-') + 1) + "/3 \"" + step + "\" attempt " + attempt;
    }
}
