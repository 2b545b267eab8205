package dev.ratchet.core.checks;

/** A repository file meant to declare checks that cannot be read; the message names the file and the line. */
public class CheckFileException extends RuntimeException {

    public CheckFileException(String message) {
        super(message);
    }
}
