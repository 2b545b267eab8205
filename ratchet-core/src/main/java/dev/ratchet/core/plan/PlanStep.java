package dev.ratchet.core.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One bounded step of a plan: small enough for a fast executor model to do in one patch. {@code variants}
 * overrides the session's number of variants per attempt for this step (1 to 64); null for the session's. The
 * structured plan's fields ({@link PlanSchema}) are optional and left out of the JSON when absent, so plans,
 * sessions and events written before they existed read and write unchanged:
 *
 * @param files           existing files (at the base commit) the step reads or changes
 * @param newFiles        files the step creates
 * @param checks          names of the session's checks the step must pass
 * @param estimatedTokens the context the planner expects the step to need, in tokens
 * @param maxChangedLines the most added plus removed lines the planner expects the step to change
 * @param approaches      optional approach hints, one per variant: variant k of a fanned-out attempt is told the
 *                        k-th ({@link Approaches})
 */
public record PlanStep(String id, String title, String instructions,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer variants,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> files,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> newFiles,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> checks,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer estimatedTokens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxChangedLines,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> approaches) {

    @JsonCreator
    public PlanStep {
        files = files == null ? List.of() : List.copyOf(files);
        newFiles = newFiles == null ? List.of() : List.copyOf(newFiles);
        checks = checks == null ? List.of() : List.copyOf(checks);
        // Null entries are kept (List.copyOf would throw) so that PlanRules names them: approaches[1].
        approaches = approaches == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(approaches));
    }

    /** A step without approach hints. */
    public PlanStep(String id, String title, String instructions, Integer variants, List<String> files,
            List<String> newFiles, List<String> checks, Integer estimatedTokens, Integer maxChangedLines) {
        this(id, title, instructions, variants, files, newFiles, checks, estimatedTokens, maxChangedLines, List.of());
    }

    /** A step with the session's number of variants. */
    public PlanStep(String id, String title, String instructions) {
        this(id, title, instructions, null);
    }

    /** A step without a scope (a person's, a skill's, or a plan from before structured plans). */
    public PlanStep(String id, String title, String instructions, Integer variants) {
        this(id, title, instructions, variants, PlanScope.NONE);
    }

    public PlanStep(String id, String title, String instructions, Integer variants, PlanScope scope) {
        this(id, title, instructions, variants, scope, List.of());
    }

    public PlanStep(String id, String title, String instructions, Integer variants, PlanScope scope,
            List<String> approaches) {
        this(id, title, instructions, variants, scope.files(), scope.newFiles(), scope.checks(),
                scope.estimatedTokens(), scope.maxChangedLines(), approaches);
    }

    /** The structured fields, {@link PlanScope#NONE} when the step has none. */
    @JsonIgnore
    public PlanScope scope() {
        return new PlanScope(files, newFiles, checks, estimatedTokens, maxChangedLines);
    }

    /** The same step under another id (a revision's steps are numbered after the kept ones). */
    public PlanStep withId(String newId) {
        return new PlanStep(newId, title, instructions, variants, files, newFiles, checks, estimatedTokens,
                maxChangedLines, approaches);
    }
}
