package dev.ratchet.models;

/** A streamed answer that cannot be used: an {@code error} event or a data line that is not JSON. */
public final class ChatStreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChatStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
