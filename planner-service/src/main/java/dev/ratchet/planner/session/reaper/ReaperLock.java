package dev.ratchet.planner.session.reaper;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.lifecycle.InstanceId;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * One reaper acts at a time across planner replicas: a Redis key with an expiry, taken when free and extended by
 * its holder on every pass. A holder that dies stops extending it and another replica takes over within
 * {@link #TTL}.
 */
@ApplicationScoped
public class ReaperLock {

    static final Duration TTL = Duration.ofSeconds(5);

    private static final String HOLD = """
            local holder = redis.call('GET', KEYS[1])
            if holder == false then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            elseif holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisDataSource redis;
    private final String instance;

    ReaperLock(RedisDataSource redis, InstanceId instance) {
        this.redis = redis;
        this.instance = instance.value();
    }

    /** Takes or extends the lock; true when this replica's reaper is the one to act. */
    public boolean hold() {
        return redis.execute("EVAL", HOLD, "1", RedisKeys.REAPER_LOCK, instance, Long.toString(TTL.toMillis()))
                .toInteger() == 1;
    }

    public void release() {
        redis.execute("EVAL", RELEASE, "1", RedisKeys.REAPER_LOCK, instance);
    }
}
