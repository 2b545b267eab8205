package dev.ratchet.core.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;

/**
 * One try at a step, and once decided, what the executor and verifier reported about it. {@code redeliveries}
 * counts how often the same request was sent again because nobody answered it ({@code sentAt} is the last time);
 * a redelivery is not a new attempt.
 */
public record Attempt(int number, AttemptStatus status, Instant requestedAt, Instant decidedAt, String stage,
        String reason, String outputTail, Execution execution, Verification verification, List<CheckResult> checks,
        PatchStats stats, int redeliveries, Instant sentAt) {

    /** Stage of an attempt abandoned because a hop stayed silent through every redelivery. */
    public static final String STAGE_DELIVER = "deliver";

    public static Attempt requested(int number, Instant at) {
        return new Attempt(number, AttemptStatus.REQUESTED, at, null, null, null, null, null, null, List.of(), null,
                0, at);
    }

    public Attempt decided(StepVerdict verdict, Instant at) {
        if (verdict instanceof StepVerified v) {
            return new Attempt(number, AttemptStatus.VERIFIED, requestedAt, at, null, null, null, v.execution(),
                    v.verification(), v.payload().checks(), v.payload().stats(), redeliveries, sentAt);
        }
        StepRejected r = (StepRejected) verdict;
        return new Attempt(number, AttemptStatus.REJECTED, requestedAt, at, r.payload().stage(), r.payload().reason(),
                r.payload().outputTail(), r.execution(), r.verification(), r.payload().checks(), null, redeliveries,
                sentAt);
    }

    /** The same request sent again at {@code at}. */
    Attempt redelivered(Instant at) {
        return new Attempt(number, status, requestedAt, decidedAt, stage, reason, outputTail, execution, verification,
                checks, stats, redeliveries + 1, at);
    }

    /** Given up on: no answer came through every redelivery. */
    Attempt abandoned(String why, Instant at) {
        return new Attempt(number, AttemptStatus.REJECTED, requestedAt, at, STAGE_DELIVER, why, null, execution,
                verification, checks, stats, redeliveries, sentAt);
    }

    /** When the request was last sent: the first time, or its latest redelivery. */
    public Instant lastSentAt() {
        return sentAt != null ? sentAt : requestedAt;
    }

    /** Where the attempt's time went, in milliseconds; zero for hops that did not happen. */
    public AttemptTimings timings() {
        Execution e = execution;
        Verification v = verification;
        long queueWait = e == null ? 0 : millis(requestedAt, e.startedAt());
        long model = e == null || e.usage() == null ? 0 : e.usage().modelMs();
        long execute = e == null ? 0 : millis(e.startedAt(), e.finishedAt());
        long verifyWait = e == null || v == null ? 0 : millis(e.finishedAt(), v.startedAt());
        long verify = v == null ? 0 : millis(v.startedAt(), v.finishedAt());
        long total = decidedAt == null ? 0 : millis(requestedAt, decidedAt);
        return new AttemptTimings(queueWait, model, execute, verifyWait, verify, total);
    }

    /** What the checks said, in words: {@code unit passed in 1800 ms, lint passed (cached)}; empty without checks. */
    public String checkSummary() {
        if (checks == null || checks.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        checks.forEach(c -> s.append(c.name()).append(' ').append(c.skipped() != null ? "skipped, "
                : (c.passed() ? "passed" : "failed") + (c.cached() ? " (cached), " : " in " + c.durationMs()
                        + " ms, ")));
        s.setLength(s.length() - 2);
        return s.toString();
    }

    public Usage usage() {
        return execution == null || execution.usage() == null ? Usage.NONE : execution.usage();
    }

    private static long millis(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, Duration.between(from, to).toMillis());
    }
}
