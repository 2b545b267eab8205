package dev.ratchet.workspace;

/** A git command printed more than Ratchet keeps (a diff of a huge change): refused rather than cut short. */
public class OutputTooLargeException extends GitException {

    public OutputTooLargeException(String message) {
        super(message);
    }
}
