package dev.ratchet.bench.chaos;

import java.util.List;
import java.util.Optional;

import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.StepState;

/**
 * Everything Redis holds about one session that the checks need, read with a plain client.
 *
 * @param found whether the session hash exists at all
 * @param status the hash's {@code status} ({@code PLANNING}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED})
 * @param planStepIds the step ids of {@code :plan}, in order
 * @param steps the hash's {@code steps}: each step's attempts and their outcomes
 * @param chain {@code :patches}, in order
 * @param patches each chain entry's patch from {@code :blobs}; empty when the blob is missing or its SHA-256 is not
 *        the one the chain names
 */
public record SessionRecord(String id, boolean found, String status, String failureReason, String repo,
        String baseCommit, List<String> planStepIds, List<StepState> steps, List<ProgressEntry> progress,
        List<AcceptedPatch> chain, List<Optional<String>> patches) {

    public static SessionRecord missing(String id) {
        return new SessionRecord(id, false, null, null, null, null, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public boolean finished() {
        return "COMPLETED".equals(status) || "FAILED".equals(status);
    }
}
