package dev.ratchet.core.event;

/**
 * An event whose encoding is over {@link EventCodec#MAX_EVENT_BYTES}. Never sent: large payloads belong in Redis
 * (see {@link BlobRef}), so this is a bug in whatever built the event, not a condition to retry.
 */
public class EventTooLargeException extends IllegalStateException {

    public EventTooLargeException(String message) {
        super(message);
    }
}
