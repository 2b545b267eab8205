package dev.ratchet.runtime.work;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.lifecycle.InstanceId;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Work leases in Redis: who works on what, renewed while the work runs. Each operation is one Lua script, so a
 * lease is taken, renewed or given up atomically and by Redis' own clock (no skew between machines), and each one
 * moves the session's deadline to the lease's expiry: if the owner dies, the reaper looks at the session right
 * after its lease runs out, whatever the work was.
 */
@ApplicationScoped
public class WorkLeases {

    private static final String ACQUIRE = script("lease-acquire.lua");
    private static final String RENEW = script("lease-renew.lua");
    private static final String ABANDON = script("lease-abandon.lua");

    /** A lease as stored: its owner and when it runs out (Redis time, epoch ms). */
    public record State(String owner, long expiresAtMs) {

        public boolean liveAt(long nowMs) {
            return expiresAtMs > nowMs;
        }
    }

    private final RedisDataSource redis;
    private final WorkConfig config;
    private final String owner;

    WorkLeases(RedisDataSource redis, WorkConfig config, InstanceId instance) {
        this.redis = redis;
        this.config = config;
        this.owner = instance.value();
    }

    public Duration ttl() {
        return config.ttl();
    }

    /** The reaper's margin after a lease's expiry. */
    public Duration grace() {
        return config.grace();
    }

    /** Takes the lease named {@code field} of the session for this instance. */
    public Claim acquire(String sessionId, String field) {
        Response r = redis.execute("EVAL", ACQUIRE, "3", RedisKeys.session(sessionId), RedisKeys.work(sessionId),
                RedisKeys.DEADLINES, field, owner, millis(config.ttl()), sessionId, millis(config.grace()));
        return switch (r.get(0).toInteger()) {
            case 1 -> Claim.taken(new Lease(sessionId, field, owner));
            case 0 -> Claim.heldBy(r.get(1).toString(), Duration.ofMillis(r.get(2).toLong()));
            default -> Claim.noSession();
        };
    }

    /** @return false when the lease was lost: it was taken over, so the work must not be answered */
    public boolean renew(Lease lease) {
        return redis.execute("EVAL", RENEW, "2", RedisKeys.work(lease.sessionId()), RedisKeys.DEADLINES,
                lease.field(), lease.owner(), millis(config.ttl()), lease.sessionId(), millis(config.grace()))
                .toInteger() == 1;
    }

    /** Gives the lease up unanswered, so the reaper hands the work to someone else at once. */
    public void abandon(Lease lease) {
        redis.execute("EVAL", ABANDON, "2", RedisKeys.work(lease.sessionId()), RedisKeys.DEADLINES, lease.field(),
                lease.owner(), lease.sessionId());
    }

    /** Every lease of a session, with Redis' current time to judge them by. */
    public Snapshot read(String sessionId) {
        Map<String, String> raw = redis.hash(String.class).hgetall(RedisKeys.work(sessionId));
        Map<String, State> states = new HashMap<>();
        raw.forEach((field, value) -> {
            int bar = value.lastIndexOf('|');
            if (bar > 0) {
                states.put(field, new State(value.substring(0, bar), Long.parseLong(value.substring(bar + 1))));
            }
        });
        return new Snapshot(states, nowMillis());
    }

    /** Redis' clock, the one leases are written with. */
    public long nowMillis() {
        Response time = redis.execute("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }

    /** A session's leases at one moment. */
    public record Snapshot(Map<String, State> leases, long nowMs) {

        public boolean claimed(String field) {
            return leases.containsKey(field);
        }

        public boolean live(String field) {
            State s = leases.get(field);
            return s != null && s.liveAt(nowMs);
        }
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }

    private static String script(String name) {
        try (InputStream in = WorkLeases.class.getResourceAsStream("/ratchet/lua/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
