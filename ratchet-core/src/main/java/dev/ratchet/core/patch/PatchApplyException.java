package dev.ratchet.core.patch;

/** A well-formed patch that does not fit the files it names (missing file, context not found). */
public class PatchApplyException extends RuntimeException {

    public PatchApplyException(String message) {
        super(message);
    }
}
