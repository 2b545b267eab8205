package dev.ratchet.core.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;

/**
 * One step of the plan, its attempts and the candidates people submitted for it. {@code variants} is the plan
 * step's own number of variants per attempt; null for the session's. {@code scope} is what a structured plan said
 * of the step (files in scope, checks, estimates); null, and left out of the stored JSON, when it said nothing.
 * {@code approaches} are the plan step's approach hints, one per variant (left out when there are none).
 */
public record StepState(String id, int index, String title, String instructions, StepStatus status,
        List<Attempt> attempts, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Candidate> candidates,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer variants,
        @JsonInclude(JsonInclude.Include.NON_NULL) PlanScope scope,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> approaches) {

    @JsonCreator
    public StepState {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        scope = scope == null || scope.isEmpty() ? null : scope;
        approaches = approaches == null ? List.of() : List.copyOf(approaches);
    }

    /** A step without approach hints. */
    public StepState(String id, int index, String title, String instructions, StepStatus status,
            List<Attempt> attempts, List<Candidate> candidates, Integer variants, PlanScope scope) {
        this(id, index, title, instructions, status, attempts, candidates, variants, scope, List.of());
    }

    /** A step without a structured scope. */
    public StepState(String id, int index, String title, String instructions, StepStatus status,
            List<Attempt> attempts, List<Candidate> candidates, Integer variants) {
        this(id, index, title, instructions, status, attempts, candidates, variants, null);
    }

    /** A step with the session's number of variants. */
    public StepState(String id, int index, String title, String instructions, StepStatus status,
            List<Attempt> attempts, List<Candidate> candidates) {
        this(id, index, title, instructions, status, attempts, candidates, null);
    }

    public static StepState pending(PlanStep step, int index) {
        return new StepState(step.id(), index, step.title(), step.instructions(), StepStatus.PENDING, List.of(),
                List.of(), step.variants(), step.scope(), step.approaches());
    }

    /** The step as a plan step again (the API's plan, a revision's record of what it replaced). */
    public PlanStep planStep() {
        return new PlanStep(id, title, instructions, variants, scope == null ? PlanScope.NONE : scope, approaches);
    }

    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    public int attemptCount() {
        return attempts.size();
    }

    /** The candidate sent as {@code variant} ({@link Candidate#VARIANT_BASE} + 1 for the first a person submitted). */
    public Optional<Candidate> candidate(int variant) {
        return candidates.stream().filter(c -> c.variant() == variant).findFirst();
    }

    StepState withAttempt(Attempt attempt, StepStatus newStatus) {
        List<Attempt> list = new ArrayList<>(attempts);
        if (!list.isEmpty() && list.get(list.size() - 1).number() == attempt.number()) {
            list.set(list.size() - 1, attempt);
        } else {
            list.add(attempt);
        }
        return new StepState(id, index, title, instructions, newStatus, List.copyOf(list), candidates, variants, scope,
                approaches);
    }

    StepState withStatus(StepStatus newStatus) {
        return new StepState(id, index, title, instructions, newStatus, attempts, candidates, variants, scope,
                approaches);
    }

    /** The step with {@code candidate} added, or replacing the one of the same variant. */
    StepState withCandidate(Candidate candidate) {
        List<Candidate> list = new ArrayList<>(candidates);
        list.removeIf(c -> c.variant() == candidate.variant());
        list.add(candidate);
        list.sort((a, b) -> Integer.compare(a.variant(), b.variant()));
        return new StepState(id, index, title, instructions, status, attempts, list, variants, scope, approaches);
    }
}
