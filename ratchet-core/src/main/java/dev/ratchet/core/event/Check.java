package dev.ratchet.core.event;

/** A command the verifier runs in the workspace after every step; it passes when it exits 0 within the timeout. */
public record Check(String name, String command, int timeoutSeconds) {
}
