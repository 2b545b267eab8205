package dev.ratchet.core.checks;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.SessionRequestValidator;

/**
 * The repository's fixer or formatter that the cleanup pass runs after a verified step (ruff --fix, gofmt -w,
 * prettier --write): a command that rewrites files in place. Declared in VERIFY.md's {@value VerifyMd#CLEANUP_BLOCK}
 * block or given in a session request's {@code cleanup}; stored with the session ({@code policy.cleanup}), never
 * taken from an event. It runs in the check sandbox, offline, like a check.
 *
 * @param name default {@value #DEFAULT_NAME}
 * @param timeoutSeconds default {@value #DEFAULT_TIMEOUT_SECONDS}
 */
public record Fixer(String name, String command, int timeoutSeconds) {

    public static final String DEFAULT_NAME = "cleanup";
    /** A formatter over a small project takes seconds; two minutes leaves room for a slow, shared machine. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;

    @JsonCreator
    public static Fixer of(@JsonProperty("name") String name, @JsonProperty("command") String command,
            @JsonProperty("timeoutSeconds") Integer timeoutSeconds) {
        return new Fixer(name == null ? DEFAULT_NAME : name, command,
                timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds);
    }

    /** The fixer as the sandbox runs it: a command of the review stage, never cached (it changes its tree). */
    public Check toCheck() {
        return new Check(name, command, timeoutSeconds);
    }

    /** What is wrong with it, each violation naming {@code field} and the part ({@code cleanup.command}). */
    public List<FieldViolation> violations(String field) {
        List<FieldViolation> violations = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > SessionRequestValidator.MAX_CHECK_NAME_CHARS) {
            violations.add(new FieldViolation(field + ".name", "must be 1 to "
                    + SessionRequestValidator.MAX_CHECK_NAME_CHARS + " characters"));
        }
        if (command == null || command.isBlank()) {
            violations.add(new FieldViolation(field + ".command", "must not be blank: the fixer or formatter to run,"
                    + " such as 'ruff check --fix .'"));
        } else if (command.length() > SessionRequestValidator.MAX_CHECK_COMMAND_CHARS) {
            violations.add(new FieldViolation(field + ".command", "must be at most "
                    + SessionRequestValidator.MAX_CHECK_COMMAND_CHARS + " characters, not " + command.length()));
        }
        if (timeoutSeconds < 1 || timeoutSeconds > SessionRequestValidator.MAX_CHECK_TIMEOUT_SECONDS) {
            violations.add(new FieldViolation(field + ".timeoutSeconds", "must be between 1 and "
                    + SessionRequestValidator.MAX_CHECK_TIMEOUT_SECONDS));
        }
        return List.copyOf(violations);
    }
}
