package dev.ratchet.core.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
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
 * a redelivery is not a new attempt. An attempt fanned out to several variants has {@code fanOut} of them (0 for
 * one, as before variants existed) and collects their verdicts in {@code variants}, ordered by variant; once
 * decided, its own fields are the winner's (or, when none passed, the best failing variant's). {@code cleanup} is what
 * the session's cleanup pass did with the verified candidate (null without one).
 */
public record Attempt(int number, AttemptStatus status, Instant requestedAt, Instant decidedAt, String stage,
        String reason, String outputTail, Execution execution, Verification verification, List<CheckResult> checks,
        PatchStats stats, int redeliveries, Instant sentAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int fanOut,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VariantOutcome> variants,
        @JsonInclude(JsonInclude.Include.NON_NULL) CleanupResult cleanup) {

    @JsonCreator
    public Attempt {
        fanOut = fanOut <= 1 ? 0 : fanOut;
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** An attempt without a cleanup pass. */
    public Attempt(int number, AttemptStatus status, Instant requestedAt, Instant decidedAt, String stage,
            String reason, String outputTail, Execution execution, Verification verification,
            List<CheckResult> checks, PatchStats stats, int redeliveries, Instant sentAt, int fanOut,
            List<VariantOutcome> variants) {
        this(number, status, requestedAt, decidedAt, stage, reason, outputTail, execution, verification, checks,
                stats, redeliveries, sentAt, fanOut, variants, null);
    }

    /** An attempt of one variant. */
    public Attempt(int number, AttemptStatus status, Instant requestedAt, Instant decidedAt, String stage,
            String reason, String outputTail, Execution execution, Verification verification,
            List<CheckResult> checks, PatchStats stats, int redeliveries, Instant sentAt) {
        this(number, status, requestedAt, decidedAt, stage, reason, outputTail, execution, verification, checks,
                stats, redeliveries, sentAt, 0, List.of());
    }

    /** Stage of an attempt abandoned because a hop stayed silent through every redelivery. */
    public static final String STAGE_DELIVER = "deliver";

    public static Attempt requested(int number, Instant at) {
        return requested(number, at, 1);
    }

    /** A new attempt fanned out to {@code width} variants (0 to width - 1). */
    static Attempt requested(int number, Instant at, int width) {
        return new Attempt(number, AttemptStatus.REQUESTED, at, null, null, null, null, null, null, List.of(), null,
                0, at, width, List.of());
    }

    /** How many variants the attempt asked for: at least 1. */
    public int width() {
        return Math.max(1, fanOut);
    }

    /** The variants still without a verdict, in order. */
    public List<Integer> missingVariants() {
        return IntStream.range(0, width()).filter(v -> variants.stream().noneMatch(o -> o.variant() == v)).boxed()
                .toList();
    }

    /** The outcome kept for {@code variant}, if its verdict came. */
    public Optional<VariantOutcome> outcome(int variant) {
        return variants.stream().filter(o -> o.variant() == variant).findFirst();
    }

    /** The attempt with one more variant's verdict collected. */
    Attempt collected(VariantOutcome outcome) {
        List<VariantOutcome> list = new ArrayList<>(variants);
        list.add(outcome);
        list.sort((a, b) -> Integer.compare(a.variant(), b.variant()));
        return new Attempt(number, status, requestedAt, decidedAt, stage, reason, outputTail, execution, verification,
                checks, stats, redeliveries, sentAt, fanOut, list, cleanup);
    }

    /** The attempt with its variants' outcomes replaced by {@code decided} (the winner and each loser's reason). */
    Attempt withVariants(List<VariantOutcome> decided) {
        return new Attempt(number, status, requestedAt, decidedAt, stage, reason, outputTail, execution, verification,
                checks, stats, redeliveries, sentAt, fanOut, decided, cleanup);
    }

    public Attempt decided(StepVerdict verdict, Instant at) {
        if (verdict instanceof StepVerified v) {
            return new Attempt(number, AttemptStatus.VERIFIED, requestedAt, at, null, null, null, v.execution(),
                    v.verification(), v.payload().checks(), v.payload().stats(), redeliveries, sentAt, fanOut,
                    variants, v.payload().cleanup());
        }
        StepRejected r = (StepRejected) verdict;
        return new Attempt(number, AttemptStatus.REJECTED, requestedAt, at, r.payload().stage(), r.payload().reason(),
                r.payload().outputTail(), r.execution(), r.verification(), r.payload().checks(), null, redeliveries,
                sentAt, fanOut, variants);
    }

    /** The same request sent again at {@code at}. */
    Attempt redelivered(Instant at) {
        return new Attempt(number, status, requestedAt, decidedAt, stage, reason, outputTail, execution, verification,
                checks, stats, redeliveries + 1, at, fanOut, variants, cleanup);
    }

    /** Given up on: no answer came through every redelivery. */
    Attempt abandoned(String why, Instant at) {
        return new Attempt(number, AttemptStatus.REJECTED, requestedAt, at, STAGE_DELIVER, why, null, execution,
                verification, checks, stats, redeliveries, sentAt, fanOut, variants, cleanup);
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
        long checked = checks == null ? 0 : checks.stream().filter(c -> !c.cached() && c.skipped() == null)
                .mapToLong(CheckResult::durationMs).sum();
        return new AttemptTimings(queueWait, model, execute, verifyWait, verify, total, checked,
                AttemptTimings.orchestration(total, model, checked));
    }

    /**
     * Where one variant's time went, measured from this attempt's request (all its variants were requested
     * together): the same hops as {@link #timings()}, so a variant's card and the attempt's read alike.
     */
    public AttemptTimings timings(VariantOutcome variant) {
        return new Attempt(number, variant.status(), requestedAt, variant.decidedAt(), null, null, null,
                variant.execution(), variant.verification(), variant.checks(), variant.stats(), 0, sentAt).timings();
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

    /** What the attempt cost: every variant's usage when it fanned out, else its own execution's. */
    public Usage usage() {
        if (!variants.isEmpty()) {
            return variants.stream().map(o -> o.execution() == null || o.execution().usage() == null ? Usage.NONE
                    : o.execution().usage()).reduce(Usage.NONE, Usage::plus);
        }
        return execution == null || execution.usage() == null ? Usage.NONE : execution.usage();
    }

    /** The variant whose patch was kept, when the attempt fanned out and one won. */
    public Optional<VariantOutcome> winner() {
        return variants.stream().filter(VariantOutcome::chosen).findFirst();
    }

    private static long millis(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, Duration.between(from, to).toMillis());
    }
}
