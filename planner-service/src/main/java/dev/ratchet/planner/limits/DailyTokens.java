package dev.ratchet.planner.limits;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.limits.TeamLimitDecisions;
import dev.ratchet.planner.usage.UsageLedger;
import dev.ratchet.runtime.rest.ProblemException;

/**
 * Holds a new session to its team's {@code max-tokens-per-day}, read from the day's usage counters. A check at the
 * door: sessions already running go on until their own budget stops them, so a day can end somewhat over the limit
 * (by at most the running sessions' budgets).
 */
@ApplicationScoped
public class DailyTokens {

    private final UsageLedger usage;
    private final TeamLimits limits;

    DailyTokens(UsageLedger usage, TeamLimits limits) {
        this.usage = usage;
        this.limits = limits;
    }

    /** @throws ProblemException 429 until the next UTC midnight once the team's tokens today reached its limit */
    public void admit(String team, Instant now) {
        TeamLimitDecisions.tokensPerDay(team, usage.tokensOn(team, now), limits.maxTokensPerDay(team), now)
                .ifPresent(r -> {
                    throw ProblemException.tooManyRequests(r.detail(), r.retryAfterSeconds());
                });
    }
}
