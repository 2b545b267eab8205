package dev.ratchet.workspace.step;

/** A step's conversation does not fit its budget even after everything that may be given up was given up. */
final class ContextBudgetExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ContextBudgetExceededException(String message) {
        super(message);
    }
}
