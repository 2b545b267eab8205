package dev.ratchet.k8s.checks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.ratchet.workspace.sandbox.SandboxLimits;

/**
 * How checks run as Kubernetes Jobs ({@code ratchet.verifier.kubernetes.*} and the sandbox's limits and output sizes).
 *
 * @param namespace where the Jobs are made: the verifier's own
 * @param image the image a check runs in: it needs {@code sh}, {@code mkfifo}, {@code head}, {@code tail},
 *        {@code tee}, {@code wc} and the project's toolchain
 * @param claim the ReadWriteMany PersistentVolumeClaim the verifier and the Jobs share
 * @param workspaceDir where the verifier mounts {@code claim}; each check's copy is a directory directly under it,
 *        mounted by its Job with that directory as {@code subPath}
 * @param limits memory becomes the container's memory limit, the file size the {@code ulimit -f} of the check and
 *        the size of its {@code /tmp}
 * @param cpuRequest CPU the scheduler reserves for a check
 * @param cpuLimit CPU a check may use
 * @param memoryRequest memory the scheduler reserves for a check
 * @param headBytes output kept from the start of a check
 * @param tailBytes output kept from its end
 * @param runAsUid the check's user: the verifier's own, so that the check can write to the copy the verifier made
 * @param startAllowance added to a check's timeout for the Job's deadline: the pod is scheduled and its image pulled
 *        within the Job's {@code activeDeadlineSeconds}
 * @param ttlAfterFinished how long a finished Job stays when the verifier could not delete it
 * @param owner the verifier's pod, owner of its Jobs, so that they go with it; empty outside a pod
 */
public record CheckJobSettings(String namespace, String image, String claim, Path workspaceDir, SandboxLimits limits,
        String cpuRequest, String cpuLimit, String memoryRequest, int headBytes, int tailBytes, long runAsUid,
        long runAsGid, Duration startAllowance, Duration ttlAfterFinished, Optional<OwnerPod> owner) {

    /** The pod that owns the Jobs (downward API: {@code metadata.name}, {@code metadata.uid}). */
    public record OwnerPod(String name, String uid) {
    }

    public CheckJobSettings {
        if (headBytes < 0 || tailBytes < 0) {
            throw new IllegalArgumentException("output limits must not be negative: " + headBytes + ", " + tailBytes);
        }
        if (runAsUid <= 0) {
            throw new IllegalArgumentException("checks run as a non-root user, not uid " + runAsUid);
        }
    }
}
