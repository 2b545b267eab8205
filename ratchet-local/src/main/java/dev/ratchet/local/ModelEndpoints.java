package dev.ratchet.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which model roles use real endpoints: a role whose {@code RATCHET_MODELS_<ROLE>_BASE_URL} is set talks to that
 * endpoint (the services read the variable themselves); every other role is served by the SIMULATED model server.
 */
record ModelEndpoints(Map<String, String> real) {

    static final List<String> ROLES = List.of("planner", "executor");

    static ModelEndpoints fromEnvironment() {
        Map<String, String> real = new LinkedHashMap<>();
        for (String role : ROLES) {
            String url = System.getenv("RATCHET_MODELS_" + role.toUpperCase() + "_BASE_URL");
            if (url != null && !url.isBlank()) {
                real.put(role, url);
            }
        }
        return new ModelEndpoints(real);
    }

    boolean needsSimulator() {
        return real.size() < ROLES.size();
    }

    List<String> simulatedRoles() {
        List<String> roles = new ArrayList<>(ROLES);
        roles.removeAll(real.keySet());
        return roles;
    }

    /** The {@code name: address} lines for the models. */
    Map<String, String> describe(String simulatorUrl) {
        Map<String, String> lines = new LinkedHashMap<>();
        if (simulatorUrl != null) {
            lines.put("model", simulatorUrl + " (simulated" + (real.isEmpty() ? ")"
                    : " for " + String.join(", ", simulatedRoles()) + ")"));
        }
        real.forEach((role, url) -> lines.put(role + "-model", url));
        return lines;
    }
}
