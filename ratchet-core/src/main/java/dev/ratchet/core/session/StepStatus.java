package dev.ratchet.core.session;

public enum StepStatus {
    PENDING, RUNNING, VERIFIED, FAILED
}
