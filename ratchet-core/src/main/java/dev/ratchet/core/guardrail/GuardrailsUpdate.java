package dev.ratchet.core.guardrail;

import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * Some guardrail fields, as a session request or a steering message gives them: null means "keep". Validated like
 * {@link Guardrails}; in JSON an unknown field is an error naming it.
 */
@JsonDeserialize(using = GuardrailsJson.Partial.class)
public record GuardrailsUpdate(List<String> allow, List<String> readOnly, List<String> forbid, Boolean deletes,
        Integer maxChangedLines, Integer maxFileChangedLines, Integer maxNewFiles) {

    public static final GuardrailsUpdate NONE = new GuardrailsUpdate(null, null, null, null, null, null, null);

    public GuardrailsUpdate {
        allow = allow == null ? null : Guardrails.globs("allow", allow);
        readOnly = readOnly == null ? null : Guardrails.globs("readOnly", readOnly);
        forbid = forbid == null ? null : Guardrails.globs("forbid", forbid);
        if (maxChangedLines != null) {
            Guardrails.limit("maxChangedLines", maxChangedLines, 1);
        }
        if (maxFileChangedLines != null) {
            Guardrails.limit("maxFileChangedLines", maxFileChangedLines, 1);
        }
        if (maxNewFiles != null) {
            Guardrails.limit("maxNewFiles", maxNewFiles, 0);
        }
    }
}
