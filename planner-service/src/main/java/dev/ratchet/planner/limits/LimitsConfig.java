package dev.ratchet.planner.limits;

import java.time.Duration;

import dev.ratchet.core.session.BudgetLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code ratchet.limits.*}: the defaults for every team's limits (a team overrides them under
 * {@code ratchet.teams.<team>.*}), the bounds of a session's budget, and how usage is kept and reported.
 */
@ConfigMapping(prefix = "ratchet.limits")
public interface LimitsConfig {

    /**
     * Unfinished sessions a team may have at once: 10 covers a team's people and its CI together, and a script that
     * submits in a loop stops at 10 rather than filling every executor's queue.
     */
    @WithDefault("10")
    int maxConcurrentSessions();

    /** Model tokens a team may use per UTC day before new sessions are refused: 20 sessions at the default budget. */
    @WithDefault("20000000")
    long maxTokensPerDay();

    /**
     * API requests a team may send per {@link #requestWindow()}: 600 a minute is 10 a second, more than a console
     * following a few sessions needs, and stops a runaway script in its first minute.
     */
    @WithDefault("600")
    int maxRequests();

    @WithDefault("1m")
    Duration requestWindow();

    Budget budget();

    /** How long a team's daily usage counters are kept: 400 days covers a year compared with the year before. */
    @WithDefault("400d")
    Duration usageRetention();

    /** The most days one {@code GET /api/v1/usage} reports: 92, a quarter. */
    @WithDefault("92")
    int usageMaxDays();

    /** {@code ratchet.limits.budget.*}: a session's budget when the request sets none, and the most it may set. */
    interface Budget {

        /**
         * 1 M tokens: an attempt that fills all 8 turns of an 8,000-token step context ({@code maxTurns},
         * {@code ratchet.planner.step-context-tokens}) sends 64,000 prompt tokens, so this allows about 15 such
         * attempts; most attempts use far fewer turns.
         */
        @WithDefault("1000000")
        long defaultTokens();

        /** 10 M: the worst a default session can spend is 20 steps x 3 attempts x 64,000 = 3.84 M, plus the plan. */
        @WithDefault("10000000")
        long maxTokens();

        /** 2 h: a twelfth of the reaper's own 24 h limit; a session that needs longer asks for it. */
        @WithDefault("2h")
        Duration defaultWallClock();

        /** As long as the reaper's own limit ({@code ratchet.deadlines.session}, 24 h). */
        @WithDefault("24h")
        Duration maxWallClock();
    }

    default BudgetLimits budgetLimits() {
        Budget b = budget();
        return new BudgetLimits(b.defaultTokens(), b.maxTokens(), b.defaultWallClock().toSeconds(),
                b.maxWallClock().toSeconds());
    }
}
