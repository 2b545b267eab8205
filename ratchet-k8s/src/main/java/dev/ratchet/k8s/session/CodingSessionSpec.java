package dev.ratchet.k8s.session;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.ratchet.core.checks.CheckSpec;
import io.fabric8.generator.annotation.Required;

/**
 * What {@code POST /api/v1/sessions} takes, field for field ({@code CreateSessionRequest} in the planner), so that a
 * CodingSession and a request create the same session. All but the team: a resource's session belongs to the team
 * the controller is configured with ({@code ratchet.kubernetes.controller.team}), because who may create
 * CodingSessions in the namespace is Kubernetes RBAC's decision, and a spec field would let anyone who may write a
 * resource bill and read any team. The bounds (lengths, counts, globs) are the API's: the
 * controller validates through the same code and puts its message in a condition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodingSessionSpec(
        @Required @JsonPropertyDescription("The repository: a path or file:// URL the executors and verifiers can read.")
        String repo,
        @Required @JsonPropertyDescription("What the session is to achieve, in words.")
        String goal,
        @JsonPropertyDescription("Checks run after every step (each: name, command, timeoutSeconds, stage, when, "
                + "browser); empty: the repository's VERIFY.md, else AGENTS.md.")
        List<CheckSpec> checks,
        @JsonPropertyDescription("Only the guardrails to change from the defaults.")
        GuardrailsSpec guardrails,
        @JsonPropertyDescription("The executor's tool turns per attempt (default 8).")
        Integer maxTurns,
        @JsonPropertyDescription("auto (the default) runs the plan at once; manual waits for the annotation "
                + "ratchet.dev/approve=true (or POST .../plan/approve).")
        String approval,
        @JsonPropertyDescription("The session's kill switch: tokens and wall-clock seconds.")
        BudgetSpec budget,
        @JsonPropertyDescription("Variants per attempt, 1 to 64 (default 1): best-of-N.")
        Integer variants,
        @JsonPropertyDescription("How the winning variant is chosen: best (the default) or first.")
        String select) {

    /** A spec with only what every session needs, the rest left to the defaults. */
    public CodingSessionSpec(String repo, String goal, List<CheckSpec> checks, GuardrailsSpec guardrails,
            Integer maxTurns) {
        this(repo, goal, checks, guardrails, maxTurns, null, null, null, null);
    }
}
