package dev.ratchet.core.patch;

/** The model's answer is not a well-formed patch; the message says which line and why, for the retry prompt. */
public class PatchFormatException extends RuntimeException {

    public PatchFormatException(String message) {
        super(message);
    }
}
