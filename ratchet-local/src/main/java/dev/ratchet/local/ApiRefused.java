package dev.ratchet.local;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

/**
 * The API answered, with a status other than the one expected: {@code status} and the body as sent (a
 * problem+json document for every 4xx and 5xx of Ratchet's services).
 */
public final class ApiRefused extends IllegalStateException {

    private final int status;
    private final String body;

    ApiRefused(String request, int status, String body) {
        super(request + " answered " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The problem's {@code detail} (else its {@code title}), or the body as sent when it is not problem+json. */
    public String detail() {
        try {
            JsonNode problem = Json.mapper().readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            return detail.isBlank() ? body : detail;
        } catch (java.io.IOException | RuntimeException e) {
            return body;
        }
    }
}
