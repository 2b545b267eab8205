package dev.ratchet.local;

/** No answer: the connection failed or timed out (nothing listens at the address, or the service hangs). */
public final class ApiUnreachable extends IllegalStateException {

    public ApiUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
