package dev.ratchet.core.session;

/** {@code SKIPPED}: a person's {@code skip} directive took the step out of the plan before it ran. */
public enum StepStatus {
    PENDING, RUNNING, VERIFIED, FAILED, SKIPPED
}
