package dev.ratchet.planner.limits;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.limits.LimitRefusal;
import dev.ratchet.core.limits.TeamLimitDecisions;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.transactions.TransactionResult;
import io.quarkus.redis.datasource.value.SetArgs;

/**
 * Each team's API requests in a fixed window, counted in Redis so that every planner replica shares the count. One
 * {@code MULTI}: {@code SET key 0 PX window NX} starts a window when none runs, {@code INCR} counts the request (and
 * keeps the expiry), {@code PTTL} says when the window ends; atomic, so no request is lost between replicas and no
 * counter is left without an expiry.
 */
@ApplicationScoped
public class RequestRate {

    private final RedisDataSource redis;
    private final TeamLimits limits;

    RequestRate(RedisDataSource redis, TeamLimits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    /** Counts one request of {@code team}; the refusal when it is over the team's limit. */
    public Optional<LimitRefusal> count(String team) {
        Duration window = limits.requestWindow(team);
        String key = RedisKeys.requestRate(team);
        TransactionResult result = redis.withTransaction(tx -> {
            tx.value(String.class).set(key, "0", new SetArgs().px(window).nx());
            tx.value(String.class).incr(key);
            tx.key().pttl(key);
        });
        long count = result.get(1);
        long remainingMs = result.get(2);
        return TeamLimitDecisions.requestRate(team, count, limits.maxRequests(team), window,
                Duration.ofMillis(Math.max(0, remainingMs)));
    }
}
