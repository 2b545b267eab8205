package dev.ratchet.core.checks;

import dev.ratchet.core.event.Check;

/**
 * A check as a person writes it, in the API's {@code checks} and in VERIFY.md's {@code ratchet-checks} block: only
 * name and command are required; the timeout defaults to {@value #DEFAULT_TIMEOUT_SECONDS} s, the stage to
 * {@code test}, {@code when} to {@code step}.
 */
public record CheckSpec(String name, String command, Integer timeoutSeconds, Check.Stage stage, Check.When when,
        Check.Browser browser) {

    /** Five minutes: a unit suite of a small project, with room for a slow machine. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    public Check toCheck() {
        return new Check(name, command, timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds, stage, when,
                browser);
    }
}
