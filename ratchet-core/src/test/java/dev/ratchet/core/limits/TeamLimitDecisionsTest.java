package dev.ratchet.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A team's limits: under, at and over each, and the Retry-After each refusal gives. */
class TeamLimitDecisionsTest {

    @Test
    void concurrentSessionsAreRefusedOnceTheTeamRunsItsLimit() {
        assertThat(TeamLimitDecisions.concurrentSessions("payments", 1, 2)).isEmpty();
        assertThat(TeamLimitDecisions.concurrentSessions("payments", 2, 2)).hasValue(new LimitRefusal(
                "team payments has 2 unfinished sessions; its limit max-concurrent-sessions is 2", 30));
    }

    @Test
    void tokensPerDayRefuseNewSessionsUntilTheNextUtcMidnight() {
        Instant now = Instant.parse("2026-11-30T23:59:00.500Z");

        assertThat(TeamLimitDecisions.tokensPerDay("payments", 9_999, 10_000, now)).isEmpty();
        assertThat(TeamLimitDecisions.tokensPerDay("payments", 10_000, 10_000, now)).hasValueSatisfying(r -> {
            assertThat(r.detail()).isEqualTo("team payments used 10,000 model tokens today (UTC); its limit"
                    + " max-tokens-per-day is 10,000; new sessions start again at 2026-12-01T00:00:00Z");
            assertThat(r.retryAfterSeconds()).isEqualTo(60);
        });
    }

    @Test
    void theRequestOverTheWindowsLimitWaitsForTheWindowsEnd() {
        Duration window = Duration.ofMinutes(1);

        assertThat(TeamLimitDecisions.requestRate("payments", 600, 600, window, Duration.ofSeconds(5))).isEmpty();
        assertThat(TeamLimitDecisions.requestRate("payments", 601, 600, window, Duration.ofMillis(4100)))
                .hasValueSatisfying(r -> {
                    assertThat(r.detail()).isEqualTo("team payments sent more than 600 requests in 60 s; its limit"
                            + " max-requests is 600 per request-window");
                    assertThat(r.retryAfterSeconds()).isEqualTo(5);
                });
        assertThat(TeamLimitDecisions.requestRate("payments", 601, 600, window, Duration.ZERO))
                .hasValueSatisfying(r -> assertThat(r.retryAfterSeconds()).isEqualTo(1));
    }
}
