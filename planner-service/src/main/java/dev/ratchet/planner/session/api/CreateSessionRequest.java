package dev.ratchet.planner.session.api;

import java.util.List;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;

/**
 * Body of {@code POST /api/v1/sessions}. A check's {@code timeoutSeconds} defaults to 300, its {@code stage} to
 * {@code test} and its {@code when} to {@code step}; {@code guardrails} holds only the fields to change from the
 * defaults (unknown fields are an error); {@code maxTurns} defaults to 8.
 */
public record CreateSessionRequest(String repo, String goal, List<CheckRequest> checks, Guardrails guardrails,
        Integer maxTurns) {

    public record CheckRequest(String name, String command, Integer timeoutSeconds, Check.Stage stage,
            Check.When when, Check.Browser browser) {
    }
}
