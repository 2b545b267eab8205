package dev.ratchet.core.auth;

import java.util.Optional;
import java.util.regex.Pattern;

/** Team names: lower-case words joined by '-', as they appear in property names ({@code ratchet.teams.<team>.}). */
public final class Teams {

    /** 40 characters are enough for "payments-platform-emea" and keep Redis fields and log lines short. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

    private Teams() {
    }

    /** Why {@code name} is not a team name, empty when it is one. */
    public static Optional<String> violation(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is required");
        }
        return NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("must be 1 to 40 lower-case letters, digits and '-' (not first or last)");
    }
}
