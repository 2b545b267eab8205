package dev.ratchet.core.session;

public enum AttemptStatus {
    REQUESTED, VERIFIED, REJECTED
}
