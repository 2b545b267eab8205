package dev.ratchet.bench.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.AttemptStatus;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.StepState;

/**
 * The verdict on every session after the faults, from what Redis holds: completed, each planned step verified
 * exactly once, a chain of one patch per step in plan order that really applies and passes the check, and no
 * attempt executed twice in parallel. Decides only; reading Redis and replaying the chain are the caller's.
 */
public final class ChaosChecker {

    /** The counts of the results file, and every finding behind them. */
    public record Verdicts(int sessions, int completed, int lost, int duplicated, int stuck,
            List<Finding> findings) {
    }

    /**
     * Replays a completed session's chain on its base commit in a fresh clone and runs its check: empty when the
     * result passes, else what went wrong.
     */
    @FunctionalInterface
    public interface ChainReplay {

        Optional<String> problem(SessionRecord session, List<String> patches);
    }

    private final List<Kill> kills;
    private final Set<LeaseLoss> leaseLosses;
    private final ChainReplay replay;

    public ChaosChecker(List<Kill> kills, Collection<LeaseLoss> leaseLosses, ChainReplay replay) {
        this.kills = List.copyOf(kills);
        this.leaseLosses = Set.copyOf(leaseLosses);
        this.replay = replay;
    }

    public Verdicts check(List<SessionRecord> sessions) {
        List<Finding> findings = new ArrayList<>();
        int completed = 0;
        for (SessionRecord s : sessions) {
            if ("COMPLETED".equals(s.status())) {
                completed++;
            }
            findings.addAll(check(s));
        }
        int lost = (int) findings.stream().filter(f -> f.kind() == Finding.Kind.LOST).map(Finding::sessionId)
                .distinct().count();
        int duplicated = (int) findings.stream().filter(f -> f.kind() == Finding.Kind.DUPLICATED).count();
        int stuck = (int) findings.stream().filter(f -> f.kind() == Finding.Kind.STUCK).count();
        return new Verdicts(sessions.size(), completed, lost, duplicated, stuck, List.copyOf(findings));
    }

    List<Finding> check(SessionRecord s) {
        List<Finding> out = new ArrayList<>();
        if (!s.found()) {
            out.add(new Finding(s.id(), Finding.Kind.LOST, "the session hash is not in Redis"));
            return out;
        }
        duplicates(s, out);
        if (!s.finished()) {
            String last = s.progress().isEmpty() ? "no progress at all"
                    : "last progress: " + s.progress().get(s.progress().size() - 1).message();
            out.add(new Finding(s.id(), Finding.Kind.STUCK, s.status() + " at the deadline; " + last));
        } else if ("FAILED".equals(s.status())) {
            out.add(new Finding(s.id(), Finding.Kind.LOST, "FAILED: " + s.failureReason()));
        } else {
            completeness(s, out);
        }
        return out;
    }

    /** Steps verified or appended more than once, attempts executed more than once. */
    private void duplicates(SessionRecord s, List<Finding> out) {
        for (StepState step : s.steps()) {
            long verified = step.attempts().stream().filter(a -> a.status() == AttemptStatus.VERIFIED).count();
            if (verified > 1) {
                out.add(dup(s, "step " + step.id() + " has " + verified + " VERIFIED attempts"));
            }
        }
        counts(s.progress().stream().filter(e -> Progress.STEP_VERIFIED.equals(e.type())).map(ProgressEntry::stepId)
                .toList()).forEach((step, n) -> {
                    if (n > 1) {
                        out.add(dup(s, "step " + step + " has " + n + " step.verified progress entries"));
                    }
                });
        counts(s.chain().stream().map(AcceptedPatch::stepId).toList()).forEach((step, n) -> {
            if (n > 1) {
                out.add(dup(s, "step " + step + " is in the patch chain " + n + " times"));
            }
        });
        Map<String, List<ProgressEntry>> byAttempt = s.progress().stream()
                .filter(e -> e.stepId() != null && e.attempt() > 0)
                .collect(Collectors.groupingBy(e -> e.stepId() + "#" + e.attempt(), LinkedHashMap::new,
                        Collectors.toList()));
        byAttempt.forEach((key, entries) -> executions(s, entries, out));
    }

    /** At most one {@code step.executed}; a second start only after the first one's executor died or lost its lease. */
    private void executions(SessionRecord s, List<ProgressEntry> entries, List<Finding> out) {
        ProgressEntry first = entries.get(0);
        String attempt = "attempt " + first.attempt() + " of step " + first.stepId();
        long executed = entries.stream().filter(e -> Progress.STEP_EXECUTED.equals(e.type())).count();
        if (executed > 1) {
            out.add(dup(s, attempt + " has " + executed + " step.executed progress entries"));
        }
        List<ProgressEntry> starts = entries.stream().filter(e -> Progress.STEP_STARTED.equals(e.type())).toList();
        String lease = "executor:" + EventIds.forStep(EventType.STEP_REQUESTED, s.id(), first.stepId(),
                first.attempt(), 0);
        for (int i = 1; i < starts.size(); i++) {
            ProgressEntry before = starts.get(i - 1);
            ProgressEntry again = starts.get(i);
            String owner = before.startedOn().orElse("?");
            boolean killed = kills.stream().anyMatch(k -> k.service().equals(owner) && k.atMs() >= before.atMs()
                    && k.atMs() <= again.atMs());
            if (!killed && !leaseLosses.contains(new LeaseLoss(owner, lease))) {
                out.add(dup(s, attempt + " started on " + owner + " at " + Instant.ofEpochMilli(before.atMs())
                        + " and again on " + again.startedOn().orElse("?") + " at "
                        + Instant.ofEpochMilli(again.atMs()) + ", with " + owner + " neither killed in between nor "
                        + "reporting its lease lost"));
            }
        }
    }

    /** A completed session: every planned step verified once, its patch in the chain in order, and the chain good. */
    private void completeness(SessionRecord s, List<Finding> out) {
        List<String> problems = new ArrayList<>();
        Map<String, StepState> steps = s.steps().stream().collect(Collectors.toMap(StepState::id, st -> st,
                (a, b) -> a));
        Map<String, Integer> verifiedEntries = counts(s.progress().stream()
                .filter(e -> Progress.STEP_VERIFIED.equals(e.type())).map(ProgressEntry::stepId).toList());
        if (s.planStepIds().isEmpty()) {
            problems.add("no plan");
        }
        for (int k = 0; k < s.planStepIds().size(); k++) {
            String id = s.planStepIds().get(k);
            StepState step = steps.get(id);
            if (step == null || step.attempts().stream().noneMatch(a -> a.status() == AttemptStatus.VERIFIED)) {
                problems.add("step " + id + " has no VERIFIED attempt");
            }
            if (verifiedEntries.getOrDefault(id, 0) == 0) {
                problems.add("step " + id + " has no step.verified progress entry");
            }
            if (k >= s.chain().size()) {
                problems.add("the patch of step " + id + " (step " + (k + 1) + ") is missing from the chain");
            } else if (!s.chain().get(k).stepId().equals(id)) {
                problems.add("chain entry " + (k + 1) + " is step " + s.chain().get(k).stepId() + ", the plan's is "
                        + id);
            } else if (s.patches().get(k).isEmpty()) {
                problems.add("the patch of step " + id + " is missing from the session's blobs (or its SHA-256 "
                        + "differs)");
            }
        }
        if (problems.isEmpty()) {
            replay.problem(s, s.patches().stream().map(Optional::orElseThrow).toList()).ifPresent(problems::add);
        }
        problems.forEach(p -> out.add(new Finding(s.id(), Finding.Kind.LOST, p)));
    }

    private static Finding dup(SessionRecord s, String detail) {
        return new Finding(s.id(), Finding.Kind.DUPLICATED, detail);
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }
}
