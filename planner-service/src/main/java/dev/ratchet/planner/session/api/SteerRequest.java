package dev.ratchet.planner.session.api;

import java.util.List;

import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.session.Directive;

/**
 * Body of {@code POST /api/v1/sessions/{id}/steer}: one or more typed directives ({@code note} with {@code text},
 * {@code guardrails} with {@code guardrails}, {@code readOnly}, {@code redo} with {@code step} and
 * {@code feedback}, {@code skip} with {@code step}, {@code pause}, {@code resume}, {@code cancel}).
 */
public record SteerRequest(List<DirectiveSpec> directives) {

    /** One directive as a person writes it; {@code type} is checked by {@link #toDirective}. */
    public record DirectiveSpec(String type, String text, GuardrailsUpdate guardrails, String step,
            String feedback) {

        /** The directive; a type that is none of the eight is left null, for the rules to name the field. */
        Directive toDirective() {
            Directive.Type parsed;
            try {
                parsed = type == null ? null : Directive.Type.parse(type);
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            return new Directive(null, parsed, text, guardrails, step, feedback, null, null, null, null);
        }
    }
}
