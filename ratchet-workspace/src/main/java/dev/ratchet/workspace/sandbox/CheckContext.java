package dev.ratchet.workspace.sandbox;

import java.util.function.BooleanSupplier;

/**
 * Whose check runs, for a runner that names its work after it (a Kubernetes Job's labels), and whether the
 * verification it belongs to has stopped (the work is no longer this verifier's), so that a long check can end early.
 *
 * @param stepId empty where the caller has no step (the benchmark's baseline)
 * @param attempt 0 where the caller has no attempt
 */
public record CheckContext(String sessionId, String stepId, int attempt, BooleanSupplier stopped) {

    public CheckContext {
        stepId = stepId == null ? "" : stepId;
    }

    /** A session's check outside any step attempt. */
    public static CheckContext of(String sessionId, BooleanSupplier stopped) {
        return new CheckContext(sessionId, "", 0, stopped);
    }
}
