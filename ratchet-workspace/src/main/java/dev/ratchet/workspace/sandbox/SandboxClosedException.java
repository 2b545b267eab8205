package dev.ratchet.workspace.sandbox;

/** The runner was closed (the service is stopping) before or while a check ran: there is no result to report. */
public class SandboxClosedException extends IllegalStateException {

    public SandboxClosedException(String message) {
        super(message);
    }
}
