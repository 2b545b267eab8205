package dev.ratchet.k8s.session;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.ratchet.core.checks.CheckSpec;
import io.fabric8.generator.annotation.Required;

/**
 * What {@code POST /api/v1/sessions} takes, field for field ({@code CreateSessionRequest} in the planner), so that a
 * CodingSession and a request create the same session. The bounds (lengths, counts, globs) are the API's: the
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
        Integer maxTurns) {
}
