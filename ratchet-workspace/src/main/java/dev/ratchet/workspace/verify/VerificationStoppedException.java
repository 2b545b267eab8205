package dev.ratchet.workspace.verify;

/** The verification stopped because the work is no longer this verifier's (lease lost, service stopping). */
public class VerificationStoppedException extends RuntimeException {

    public VerificationStoppedException(String message) {
        super(message);
    }
}
