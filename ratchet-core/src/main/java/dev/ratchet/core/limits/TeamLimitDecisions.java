package dev.ratchet.core.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a team's request goes over one of its limits ({@code ratchet.teams.<team>.*}, defaults
 * {@code ratchet.limits.*}), and if so what the 429 says. The counts come from Redis; the decisions are here.
 */
public final class TeamLimitDecisions {

    /**
     * When to try again after the concurrent-session limit: sessions run for minutes (the demo's take about 1), so a
     * client asking again every 30 s finds a free place soon without keeping the API busy.
     */
    public static final long CONCURRENT_RETRY_SECONDS = 30;

    private TeamLimitDecisions() {
    }

    /** A new session with {@code running} unfinished ones of the team already: refused at {@code max}. */
    public static Optional<LimitRefusal> concurrentSessions(String team, long running, int max) {
        return running < max ? Optional.empty() : Optional.of(new LimitRefusal("team " + team + " has " + running
                + " unfinished sessions; its limit max-concurrent-sessions is " + max, CONCURRENT_RETRY_SECONDS));
    }

    /**
     * A new session when the team's tokens today (UTC) are {@code used}: refused once they reached {@code max}, until
     * the next UTC midnight. Sessions already running go on until their own budget stops them.
     */
    public static Optional<LimitRefusal> tokensPerDay(String team, long used, long max, Instant now) {
        if (used < max) {
            return Optional.empty();
        }
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Optional.of(new LimitRefusal("team " + team + " used " + thousands(used) + " model tokens today (UTC);"
                + " its limit max-tokens-per-day is " + thousands(max) + "; new sessions start again at " + midnight,
                seconds(Duration.between(now, midnight))));
    }

    /**
     * The {@code count}th request of the team in the current window, which ends in {@code remaining}: refused over
     * {@code max}.
     */
    public static Optional<LimitRefusal> requestRate(String team, long count, int max, Duration window,
            Duration remaining) {
        return count <= max ? Optional.empty() : Optional.of(new LimitRefusal("team " + team + " sent more than "
                + max + " requests in " + window.toSeconds() + " s; its limit max-requests is " + max + " per "
                + "request-window", seconds(remaining)));
    }

    /** Whole seconds, rounded up and at least 1: {@code Retry-After: 0} would invite an immediate retry. */
    static long seconds(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return Math.max(1, s);
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
