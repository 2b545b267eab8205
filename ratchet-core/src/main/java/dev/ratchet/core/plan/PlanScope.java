package dev.ratchet.core.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a structured plan says about a step beyond its instructions (the fields of {@link PlanStep} of the same
 * names): the files in scope, the checks, the planner's estimate of the context and of the change. Kept with the
 * step's state so PLAN.md and the API show it; each field is left out of the JSON when absent.
 */
public record PlanScope(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> files,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> newFiles,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> checks,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer estimatedTokens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxChangedLines) {

    public static final PlanScope NONE = new PlanScope(List.of(), List.of(), List.of(), null, null);

    @JsonCreator
    public PlanScope {
        files = files == null ? List.of() : List.copyOf(files);
        newFiles = newFiles == null ? List.of() : List.copyOf(newFiles);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return files.isEmpty() && newFiles.isEmpty() && checks.isEmpty() && estimatedTokens == null
                && maxChangedLines == null;
    }
}
