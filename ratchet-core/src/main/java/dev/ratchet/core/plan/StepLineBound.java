package dev.ratchet.core.plan;

import java.util.List;
import java.util.Optional;

import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.patch.FileEdit;

/**
 * A step's own bound on changed lines: its plan's {@code maxChangedLines} (the planner model's, a person's edit, a
 * revision's), as stored with the step's scope. The verifier holds a candidate to the smaller of it and the session's
 * guardrail; where the session's is the smaller, the guardrail's own rule ({@code max-changed-lines}) already rejects,
 * so this one only speaks when the step's bound is the tighter of the two.
 */
public record StepLineBound(String stepId, int maxChangedLines) {

    /** What a candidate changed beyond the bound, in words a person and a model can act on. */
    public record Excess(String stepId, int bound, int sessionBound, int added, int removed) {

        public int changed() {
            return added + removed;
        }

        /** One line for the verdict: the step, the count and the bound. */
        public String reason() {
            return "rejected by step " + stepId + "'s bound: the patch changes " + changed()
                    + " lines, over the step's maxChangedLines of " + bound;
        }

        /** What to do about it, for the verdict's detail and the next attempt's prompt. */
        public String detail() {
            return "the patch changes " + changed() + " lines (" + added + " added, " + removed + " removed), over "
                    + "the limit of " + bound + " for step " + stepId + " (the plan's maxChangedLines for the step; "
                    + "the session's guardrail allows " + sessionBound + "); make a smaller change, or edit the plan "
                    + "to split the step";
        }
    }

    /** The bound the plan gives {@code stepId}, empty when its scope gives none (a person's plan, a skill's). */
    public static Optional<StepLineBound> of(String stepId, PlanScope scope) {
        return scope == null || scope.maxChangedLines() == null ? Optional.empty()
                : Optional.of(new StepLineBound(stepId, scope.maxChangedLines()));
    }

    /**
     * The excess when {@code edits} change more lines than the step's bound and that bound is below the session's
     * guardrail; empty otherwise (within the bound, or the guardrail's rule is the one that applies).
     */
    public Optional<Excess> excess(List<FileEdit> edits, Guardrails guardrails) {
        int added = edits.stream().mapToInt(FileEdit::added).sum();
        int removed = edits.stream().mapToInt(FileEdit::removed).sum();
        boolean stepIsTighter = maxChangedLines < guardrails.maxChangedLines();
        return stepIsTighter && added + removed > maxChangedLines
                ? Optional.of(new Excess(stepId, maxChangedLines, guardrails.maxChangedLines(), added, removed))
                : Optional.empty();
    }
}
