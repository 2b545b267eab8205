package dev.ratchet.workspace.step;

/** A tool call the executor refuses or cannot carry out; the message goes back to the model as the tool result. */
final class ToolFailure extends Exception {

    private static final long serialVersionUID = 1L;

    ToolFailure(String message) {
        super(message);
    }
}
