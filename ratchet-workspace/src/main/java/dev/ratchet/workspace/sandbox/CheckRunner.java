package dev.ratchet.workspace.sandbox;

import java.nio.file.Path;

import dev.ratchet.core.event.Check;

/**
 * Runs one command check on a throwaway copy of a workspace: in this machine's sandbox ({@link SandboxRunner}) or
 * elsewhere (a Kubernetes Job, ratchet-k8s's {@code JobCheckRunner}). What the verifier's checks go through.
 */
public interface CheckRunner {

    /**
     * @param context whose check this is and whether its verification has stopped
     * @throws java.io.UncheckedIOException when the copy cannot be made or removed (a machine problem, not a
     *         failed check)
     */
    SandboxResult run(Check check, Path workspace, CheckContext context);

    /**
     * What a check's result depends on besides its tree and command (environment, isolation, limits); the
     * verification cache keys on it, so a result is reused only where a check would see the same.
     */
    String environmentFingerprint();
}
