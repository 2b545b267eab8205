package dev.ratchet.k8s.session;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * The session as the planner stores it, written back by the controller when it changes; a value, replaced whole.
 * {@code verified} is "verified/total" for the printer column; the numbers are also apart for scripts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodingSessionStatus(
        @JsonPropertyDescription("Ratchet's session id: GET /api/v1/sessions/{id}.")
        String sessionId,
        @PrinterColumn(name = "Phase") @JsonPropertyDescription("PLANNING, RUNNING, COMPLETED, FAILED; Invalid "
                + "when the spec was refused.")
        String phase,
        @PrinterColumn(name = "Step") @JsonPropertyDescription("The title of the step in hand.")
        String currentStep,
        @PrinterColumn(name = "Verified") @JsonPropertyDescription("Verified steps of the plan, as 2/5.")
        String verified,
        Integer verifiedSteps,
        Integer totalSteps,
        @JsonPropertyDescription("Attempts made so far, every step together.")
        Integer attempts,
        @JsonPropertyDescription("Why the session failed, or why the spec was refused.")
        String message,
        @JsonPropertyDescription("The git branch with one commit per verified step, in the session's repository, "
                + "once the session completed: git log ratchet/<sessionId>.")
        String resultBranch,
        Long observedGeneration,
        List<Condition> conditions) {
}
