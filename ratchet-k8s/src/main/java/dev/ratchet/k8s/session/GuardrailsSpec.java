package dev.ratchet.k8s.session;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The API's {@code guardrails} as a resource holds them: every field optional, an absent one keeps the default
 * (core {@code Guardrails.DEFAULTS}); the controller reads them through core's own parser, as the API does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardrailsSpec(List<String> allow, List<String> readOnly, List<String> forbid, Boolean deletes,
        Integer maxChangedLines, Integer maxFileChangedLines, Integer maxNewFiles) {
}
