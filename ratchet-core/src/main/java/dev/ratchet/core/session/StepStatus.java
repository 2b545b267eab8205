package dev.ratchet.core.session;

/**
 * {@code SKIPPED}: a person's {@code skip} directive took the step out of the plan before it ran. {@code DONE}: the
 * step was checked in the repository's PLAN.md or PROGRESS.md when the session resumed from them; its change is
 * already in the base commit, so, like a skipped step, it is never asked for and has no patch.
 */
public enum StepStatus {
    PENDING, RUNNING, VERIFIED, FAILED, SKIPPED, DONE;

    /** Never asked for: a step boundary passes over it. */
    boolean passedOver() {
        return this == SKIPPED || this == DONE;
    }
}
