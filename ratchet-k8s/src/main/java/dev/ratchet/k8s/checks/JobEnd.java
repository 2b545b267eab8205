package dev.ratchet.k8s.checks;

/**
 * How a check's Job ended.
 *
 * @param completed the pod's container exited 0
 * @param exited the container exited (with its status, or killed by the kubelet), so nothing of the check runs any
 *        more and its files can be read; false for a deadline, a Job that vanished or never finished
 * @param timedOut the Job's deadline passed (reason {@code DeadlineExceeded}), or the verifier's own wait did
 * @param reason why it failed, for the check's output; null when it completed
 */
public record JobEnd(boolean completed, boolean exited, boolean timedOut, String reason) {

    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    static JobEnd succeeded() {
        return new JobEnd(true, true, false, null);
    }

    /** A Job whose status is {@code Failed} with this reason and message. */
    static JobEnd failed(String reason, String message) {
        boolean deadline = DEADLINE_EXCEEDED.equals(reason);
        return new JobEnd(false, !deadline, deadline, (reason == null ? "Failed" : reason)
                + (message == null || message.isBlank() ? "" : ": " + message));
    }

    static JobEnd vanished() {
        return new JobEnd(false, false, false, "the Job was deleted before it finished");
    }

    static JobEnd unfinished(long seconds) {
        return new JobEnd(false, false, true, "the Job did not finish within " + seconds + " s");
    }
}
