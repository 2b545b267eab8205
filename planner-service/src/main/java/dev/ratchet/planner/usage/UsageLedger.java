package dev.ratchet.planner.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.core.usage.DayUsage;
import dev.ratchet.core.usage.UsageCounters;
import dev.ratchet.core.usage.UsageRange;
import dev.ratchet.planner.limits.LimitsConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;

/**
 * Each team's usage per UTC day in Redis ({@link RedisKeys#usage}). {@link #add} runs inside the transaction that
 * stores a session's decision ({@code SessionStore}), so what a decision used is counted exactly when the decision is
 * stored: never for a replayed or ignored event, never twice.
 */
@ApplicationScoped
public class UsageLedger {

    private final RedisDataSource redis;
    private final Duration retention;

    UsageLedger(RedisDataSource redis, LimitsConfig limits) {
        this.redis = redis;
        this.retention = limits.usageRetention();
    }

    /** Adds {@code increments} ({@link UsageCounters}) to the team's day of {@code at}, within {@code tx}. */
    public void add(TransactionalRedisDataSource tx, String team, Map<String, Long> increments, Instant at) {
        if (team == null || increments.isEmpty()) {
            return;
        }
        String key = RedisKeys.usage(team, day(at).toString());
        increments.forEach((field, n) -> tx.hash(String.class).hincrby(key, field, n));
        tx.key().expire(key, retention);
    }

    /** The team's usage on each day of {@code range}, oldest first; days with nothing counted are zeros. */
    public List<DayUsage> days(String team, UsageRange range) {
        return range.days().stream()
                .map(d -> DayUsage.of(d, redis.hash(String.class).hgetall(RedisKeys.usage(team, d.toString()))))
                .toList();
    }

    /** The team's model tokens (every role, in and out) on the UTC day of {@code at}. */
    public long tokensOn(String team, Instant at) {
        return UsageCounters.tokens(redis.hash(String.class).hgetall(RedisKeys.usage(team, day(at).toString())));
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
