package dev.ratchet.workspace.step;

import dev.ratchet.core.event.ContextUse;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.patch.DiffStats;

/**
 * What one attempt produced: a unified diff, or the reason there is none.
 *
 * @param patch the workspace's diff after the turns; null with {@code error}
 * @param error why the attempt has no patch, for the verifier's rejection and the planner's retry; null on success
 * @param model the model name the last answer reported; null when no answer came
 * @param context the attempt's context use; null when no request was made
 */
public record StepOutcome(String patch, String error, String model, Usage usage, ContextUse context) {

    public PatchStats stats() {
        return error == null ? DiffStats.of(patch) : PatchStats.EMPTY;
    }
}
