package dev.ratchet.bench.chaos;

import java.util.Locale;

/** One thing the checks found wrong with a session. */
public record Finding(String sessionId, Kind kind, String detail) {

    public enum Kind {
        /** The session did not complete, or a verified step's patch is not in its chain (bench/README.md). */
        LOST,
        /** A step verified or appended more than once, or an attempt executed twice in parallel. */
        DUPLICATED,
        /** Not finished at the deadline. */
        STUCK
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + sessionId + ": " + detail;
    }
}
