package dev.ratchet.runtime.work;

/**
 * A claim on one piece of work of one session: the field {@code field} (e.g. {@code executor:<request id>}) of the
 * session's work hash, held by {@code owner} until it stops renewing it.
 */
public record Lease(String sessionId, String field, String owner) {

    public static String field(String role, Object eventId) {
        return role + ":" + eventId;
    }
}
