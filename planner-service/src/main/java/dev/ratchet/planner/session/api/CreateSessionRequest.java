package dev.ratchet.planner.session.api;

import java.util.List;

/** Body of {@code POST /api/v1/sessions}. {@code timeoutSeconds} of a check defaults to 300. */
public record CreateSessionRequest(String repo, String goal, List<CheckRequest> checks) {

    public record CheckRequest(String name, String command, Integer timeoutSeconds) {
    }
}
