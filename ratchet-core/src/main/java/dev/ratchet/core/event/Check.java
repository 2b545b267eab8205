package dev.ratchet.core.event;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A command the verifier runs on a step's result; it passes when it exits 0 within the timeout. Checks run stage by
 * stage ({@link Stage}: review, then fast, then test) and stop at the first failure; {@link When} says whether a
 * check runs after every step or once, on the session's final result. A check with {@code browser} set is a browser
 * check: {@code command} starts the project's server, and the paths are loaded in headless Chromium.
 *
 * @param stage default {@link Stage#TEST}
 * @param when default {@link When#STEP}
 * @param browser null for a command check
 */
public record Check(String name, String command, int timeoutSeconds, Stage stage, When when, Browser browser) {

    public Check {
        stage = stage == null ? Stage.TEST : stage;
        when = when == null ? When.STEP : when;
    }

    /** A command check of the test stage, after every step. */
    public Check(String name, String command, int timeoutSeconds) {
        this(name, command, timeoutSeconds, Stage.TEST, When.STEP, null);
    }

    /** Stages run in this order; a failure stops the stages after it. */
    public enum Stage {
        REVIEW, FAST, TEST;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Stage of(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /** After every step, or once on the final result. */
    public enum When {
        STEP, FINAL;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static When of(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * A browser check: wait up to {@code readySeconds} for the server ({@code command}) to listen on {@code port},
     * then load each of {@code paths}; an HTTP error, a console error or a failed request fails the check.
     */
    public record Browser(int port, List<String> paths, int readySeconds) {

        public Browser {
            paths = paths == null ? List.of("/") : List.copyOf(paths);
            readySeconds = readySeconds <= 0 ? 30 : readySeconds;
        }
    }
}
