package dev.ratchet.core.event;

/**
 * A record that can never be processed, however often it is retried. Consumers let it go to the dead-letter topic
 * with this message as the reason and carry on.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
