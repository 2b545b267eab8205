package dev.ratchet.core.session;

public enum SessionStatus {
    PLANNING, RUNNING, COMPLETED, FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
