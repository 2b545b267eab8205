package dev.ratchet.k8s.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The API's {@code budget} as a resource holds it: the session's kill switch, either field left out takes its
 * default ({@code ratchet.limits.budget.*}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetSpec(
        @JsonPropertyDescription("Model tokens of every role, in and out; crossing it cancels the session.")
        Long tokens,
        @JsonPropertyDescription("Seconds from creation; crossing it cancels the session.")
        Long wallClockSeconds) {
}
