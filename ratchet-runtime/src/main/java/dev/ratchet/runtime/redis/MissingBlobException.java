package dev.ratchet.runtime.redis;

/** An event refers to a payload that Redis does not hold (or holds altered). */
public class MissingBlobException extends IllegalStateException {

    public MissingBlobException(String message) {
        super(message);
    }
}
