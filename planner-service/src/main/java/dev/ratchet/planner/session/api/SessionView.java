package dev.ratchet.planner.session.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.AttemptTimings;
import dev.ratchet.core.session.Candidate;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.VariantOutcome;

/**
 * What {@code GET /api/v1/sessions/{id}} returns: status, plan, per-step attempts with timings and usage.
 * {@code plannedFrom} is the skill the plan was instantiated from ({@code name@version}), null when the planner
 * model planned; {@code approval} is {@code auto} or {@code manual}; {@code directives} are people's steering
 * directives in the order received, each with when and before which step it took effect. {@code usage} is the
 * executors' (every attempt's), {@code plannerUsage} the planner model's, {@code tokens} both in and out: what
 * {@code policy.budget.tokens} is held to. {@code revisions} are the re-plannings after steps that failed all their
 * attempts ({@link RevisionView}); {@code steps} is the plan as revised, the verified steps before the first
 * replaced one unchanged.
 */
public record SessionView(String id, String status, String repo, String goal, String baseCommit,
        Instant createdAt, Instant updatedAt, Instant finishedAt, String failureReason, List<Check> checks,
        StepPolicy policy, String plannedFrom, List<PlanStep> plan, List<StepView> steps, long verifiedSteps, long acceptedPatches,
        Usage usage, Totals timings, String approval, List<Directive> directives, Map<String, String> links,
        Usage plannerUsage, long tokens, List<RevisionView> revisions) {

    /** {@code candidates}: the patches people submitted for the step, each with its status (empty when none). */
    public record StepView(String id, int index, String title, String status, int attempts,
            List<AttemptView> attemptHistory, List<Candidate> candidates) {
    }

    /**
     * {@code variants}: for an attempt fanned out to several, each variant's verdict (ordered by variant; the
     * missing ones had none by the time the attempt was decided), {@code chosen} the winner, {@code note} why;
     * {@code cleanup}: what the session's cleanup pass did with the verified candidate (absent without one).
     */
    public record AttemptView(int attempt, String status, Instant requestedAt, Instant decidedAt, String stage,
            String reason, String model, String executor, String verifier, AttemptTimings timings, Usage usage,
            PatchStats patch, List<CheckResult> checks,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) int fanOut,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VariantView> variants,
            @JsonInclude(JsonInclude.Include.NON_NULL) CleanupResult cleanup) {
    }

    /**
     * One variant of an attempt: its outcome, size, cost, who made it, and whether and why it won or lost; for its
     * card, the model, its usage (tok/s), its hops' {@code timings} from the attempt's request and its checks;
     * {@code diff} when its patch can be read ({@code GET .../diff?variant=k}), a rejected one's too.
     */
    public record VariantView(int variant, String status, String stage, String reason, PatchStats patch,
            long tokens, String executor, List<String> failedChecks, boolean chosen, String note, String model,
            Usage usage, AttemptTimings timings, List<CheckResult> checks,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean diff) {

        static VariantView of(Attempt a, VariantOutcome o) {
            Execution e = o.execution();
            return new VariantView(o.variant(), o.status().name(), o.stage(), o.reason(), o.stats(), o.tokens(),
                    e == null ? null : e.executor(), o.failedChecks(), o.chosen(), o.note(),
                    e == null ? null : e.model(), e == null ? null : e.usage(), a.timings(o), o.checks(),
                    o.patch() != null);
        }
    }

    /** Sums over every decided attempt, in milliseconds; {@code wallMs} is creation to now or to the end. */
    public record Totals(long queueWaitMs, long modelMs, long executeMs, long verifyWaitMs, long verifyMs,
            long wallMs) {
    }

    static SessionView of(Session s, List<PlanStep> plan, long acceptedPatches, String base) {
        List<StepView> steps = s.steps().stream().map(SessionView::step).toList();
        List<AttemptTimings> all = s.steps().stream().flatMap(st -> st.attempts().stream())
                .map(Attempt::timings).toList();
        Instant end = s.finishedAt() != null ? s.finishedAt() : Instant.now();
        Totals totals = new Totals(all.stream().mapToLong(AttemptTimings::queueWaitMs).sum(),
                all.stream().mapToLong(AttemptTimings::modelMs).sum(),
                all.stream().mapToLong(AttemptTimings::executeMs).sum(),
                all.stream().mapToLong(AttemptTimings::verifyWaitMs).sum(),
                all.stream().mapToLong(AttemptTimings::verifyMs).sum(),
                end.toEpochMilli() - s.createdAt().toEpochMilli());
        String self = base + "/api/v1/sessions/" + s.id();
        Map<String, String> links = Map.of("self", self, "events", self + "/events",
                "agents", self + "/files/AGENTS.md", "plan", self + "/files/PLAN.md",
                "progressFile", self + "/files/PROGRESS.md", "verify", self + "/files/VERIFY.md");
        return new SessionView(s.id(), s.status().name(), s.repo(), s.goal(), s.baseCommit(), s.createdAt(),
                s.updatedAt(), s.finishedAt(), s.failureReason(), s.checks(), s.policy(), s.plannedFrom(), plan, steps, s.verifiedSteps(),
                acceptedPatches, s.usage(), totals, s.steering().approval().json(), s.steering().directives(), links,
                s.plannerUsage(), s.tokens(), RevisionView.of(s));
    }

    private static StepView step(StepState st) {
        return new StepView(st.id(), st.index(), st.title(), st.status().name(), st.attemptCount(),
                st.attempts().stream().map(SessionView::attempt).toList(), st.candidates());
    }

    private static AttemptView attempt(Attempt a) {
        return new AttemptView(a.number(), a.status().name(), a.requestedAt(), a.decidedAt(), a.stage(),
                a.reason(), a.execution() == null ? null : a.execution().model(),
                a.execution() == null ? null : a.execution().executor(),
                a.verification() == null ? null : a.verification().verifier(), a.timings(), a.usage(), a.stats(),
                a.checks(), a.fanOut(), a.variants().stream().map(o -> VariantView.of(a, o)).toList(), a.cleanup());
    }
}
