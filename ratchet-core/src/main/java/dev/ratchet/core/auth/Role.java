package dev.ratchet.core.auth;

/**
 * What a key may do. A {@code MEMBER} works with its own team's sessions; an {@code ADMIN} also creates, lists and
 * revokes keys (for any team) and may read every team's sessions, as the operator of the platform.
 */
public enum Role {
    MEMBER, ADMIN
}
