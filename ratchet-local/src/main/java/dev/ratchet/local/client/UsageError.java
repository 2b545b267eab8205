package dev.ratchet.local.client;

/** Arguments that parse but make no sense together, or a file named by one that cannot be read: exit 2. */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }
}
