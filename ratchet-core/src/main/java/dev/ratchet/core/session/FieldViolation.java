package dev.ratchet.core.session;

/** One invalid field of a request, named the way the client wrote it (e.g. {@code checks[1].command}). */
public record FieldViolation(String field, String message) {
}
