package dev.ratchet.runtime.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.lifecycle.Instances;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.runtime.Samples;
import dev.ratchet.testing.RedisSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Work leases against a real Redis, judged by Redis' clock: this instance ({@code runtime-test}) and a second one
 * ({@code executor-elsewhere}) take, hold, renew and give up the same piece of work. The test application's leases
 * last 1.5 s and the reaper's grace is 0.2 s.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class WorkLeasesTest {

    static final long TTL_MS = 1500;
    static final long GRACE_MS = 200;
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    WorkLeases leases;

    @Inject
    RedisDataSource redis;

    @Inject
    WorkConfig config;

    WorkLeases elsewhere;
    String session;
    String field;

    @BeforeEach
    void session() {
        elsewhere = new WorkLeases(redis, config, Instances.named("executor-elsewhere"));
        session = UUID.randomUUID().toString();
        field = Lease.field("executor", UUID.randomUUID());
        RedisSessions.register(redis, Samples.session(session));
    }

    @Test
    void noLeaseIsTakenOnASessionThatDoesNotExist() {
        String gone = UUID.randomUUID().toString();

        Claim claim = leases.acquire(gone, field);

        assertThat(claim.outcome()).isEqualTo(Claim.Outcome.NO_SESSION);
        assertThat(claim.lease()).isEmpty();
        assertThat(redis.key().exists(RedisKeys.work(gone))).isFalse();
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.DEADLINES, gone)).isEmpty();
    }

    @Test
    void aLeaseLastsItsTimeToLiveByRedisClockAndTheSessionIsDueRightAfter() {
        long before = leases.nowMillis();
        Claim claim = leases.acquire(session, field);
        long after = leases.nowMillis();

        assertThat(claim.outcome()).isEqualTo(Claim.Outcome.TAKEN);
        assertThat(claim.lease()).contains(new Lease(session, field, "runtime-test"));
        assertThat(claim.holder()).isEqualTo("runtime-test");
        long expiry = expiry("runtime-test");
        assertThat(expiry).isBetween(before + TTL_MS, after + TTL_MS);
        assertThat(deadline()).isEqualTo(expiry + GRACE_MS);
        assertThat(leases.ttl()).isEqualTo(Duration.ofMillis(TTL_MS));
    }

    @Test
    void aLiveLeaseOfAnotherInstanceIsLeftToIt() {
        elsewhere.acquire(session, field);
        String held = redis.hash(String.class).hget(RedisKeys.work(session), field);

        Claim claim = leases.acquire(session, field);

        assertThat(claim.outcome()).isEqualTo(Claim.Outcome.HELD_BY_ANOTHER);
        assertThat(claim.lease()).isEmpty();
        assertThat(claim.holder()).isEqualTo("executor-elsewhere");
        assertThat(claim.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(TTL_MS));
        assertThat(redis.hash(String.class).hget(RedisKeys.work(session), field)).isEqualTo(held);
    }

    @Test
    void anInstanceTakesItsOwnLeaseAgain() {
        leases.acquire(session, field);
        long first = expiry("runtime-test");
        await().atMost(WAIT).until(() -> leases.nowMillis() > first - TTL_MS);

        assertThat(leases.acquire(session, field).outcome()).isEqualTo(Claim.Outcome.TAKEN);
        assertThat(expiry("runtime-test")).isGreaterThanOrEqualTo(first);
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndItsOldOwnerLosesIt() {
        Lease theirs = elsewhere.acquire(session, field).lease().orElseThrow();
        long expiry = expiry("executor-elsewhere");
        await().atMost(WAIT).until(() -> leases.nowMillis() > expiry);

        Claim claim = leases.acquire(session, field);

        assertThat(claim.outcome()).isEqualTo(Claim.Outcome.TAKEN);
        assertThat(elsewhere.renew(theirs)).as("taken over: its work must not answer").isFalse();
        assertThat(expiry("runtime-test")).isGreaterThan(expiry);
    }

    @Test
    void renewingExtendsTheLeaseButNeverMovesTheDeadlineLater() {
        Lease lease = leases.acquire(session, field).lease().orElseThrow();
        long first = expiry("runtime-test");
        await().atMost(WAIT).until(() -> leases.nowMillis() > first - TTL_MS / 2);

        assertThat(leases.renew(lease)).isTrue();

        long renewed = expiry("runtime-test");
        assertThat(renewed).isGreaterThan(first);
        assertThat(deadline()).as("the reaper still looks when the first expiry would have passed (another lease "
                + "of the session may have run out by then)").isEqualTo(first + GRACE_MS);

        // A later deadline (the planner's own, its unclaimed time) is brought back to the lease's.
        redis.sortedSet(String.class).zadd(RedisKeys.DEADLINES, renewed + 30_000.0, session);
        assertThat(leases.renew(lease)).isTrue();
        assertThat(deadline()).isEqualTo(expiry("runtime-test") + GRACE_MS);
    }

    @Test
    void anOwnerRenewsItsLeaseThatRanOutWhileNobodyTookIt() {
        Lease lease = leases.acquire(session, field).lease().orElseThrow();
        long first = expiry("runtime-test");
        await().atMost(WAIT).until(() -> leases.nowMillis() > first);
        assertThat(leases.read(session).live(field)).isFalse();

        assertThat(leases.renew(lease)).isTrue();

        assertThat(leases.read(session).live(field)).isTrue();
    }

    @Test
    void aCancelledSessionGivesNoLeaseAndItsDeletedLeasesAreNotRenewed() {
        Lease ours = leases.acquire(session, field).lease().orElseThrow();
        redis.hash(String.class).hset(RedisKeys.session(session), "status", "CANCELLED");
        redis.key().del(RedisKeys.work(session));

        assertThat(leases.renew(ours)).isFalse();
        assertThat(leases.acquire(session, Lease.field("verifier", UUID.randomUUID())).outcome())
                .isEqualTo(Claim.Outcome.NO_SESSION);
        assertThat(redis.key().exists(RedisKeys.work(session))).isFalse();
    }

    @Test
    void aLeaseThatIsGoneOrTakenOverIsNotRenewed() {
        assertThat(leases.renew(new Lease(session, field, "runtime-test"))).as("never taken").isFalse();

        Lease ours = leases.acquire(session, field).lease().orElseThrow();
        redis.hash(String.class).hset(RedisKeys.work(session), field, "executor-elsewhere|" + (leases.nowMillis()
                + 60_000));

        assertThat(leases.renew(ours)).isFalse();
        assertThat(redis.hash(String.class).hget(RedisKeys.work(session), field)).startsWith("executor-elsewhere|");
    }

    @Test
    void givingALeaseUpEndsItNowAndMakesTheSessionDueNow() {
        Lease lease = leases.acquire(session, field).lease().orElseThrow();
        long before = leases.nowMillis();

        leases.abandon(lease);

        long after = leases.nowMillis();
        long expiry = expiry("runtime-test");
        assertThat(expiry).isBetween(before, after);
        assertThat(deadline()).isEqualTo(expiry);
        assertThat(leases.read(session).claimed(field)).as("claimed, but by nobody alive").isTrue();
        assertThat(elsewhere.acquire(session, field).outcome()).as("another instance takes it at once")
                .isEqualTo(Claim.Outcome.TAKEN);
    }

    @Test
    void onlyItsOwnerGivesALeaseUp() {
        Lease theirs = elsewhere.acquire(session, field).lease().orElseThrow();
        String held = redis.hash(String.class).hget(RedisKeys.work(session), field);

        leases.abandon(new Lease(session, field, "runtime-test"));
        leases.abandon(new Lease(session, "executor:" + UUID.randomUUID(), "runtime-test"));

        assertThat(redis.hash(String.class).hget(RedisKeys.work(session), field)).isEqualTo(held);
        assertThat(elsewhere.renew(theirs)).isTrue();
    }

    @Test
    void aSnapshotJudgesEveryLeaseOfTheSessionByRedisClock() {
        leases.acquire(session, field);
        String expired = Lease.field("verifier", UUID.randomUUID());
        redis.hash(String.class).hset(RedisKeys.work(session), expired, "verifier-gone|" + (leases.nowMillis()
                - 1));
        redis.hash(String.class).hset(RedisKeys.work(session), "garbage", "no-bar");

        WorkLeases.Snapshot snapshot = leases.read(session);

        assertThat(snapshot.leases()).containsOnlyKeys(field, expired);
        assertThat(snapshot.live(field)).isTrue();
        assertThat(snapshot.claimed(expired)).isTrue();
        assertThat(snapshot.live(expired)).isFalse();
        assertThat(snapshot.leases().get(expired).owner()).isEqualTo("verifier-gone");
        assertThat(snapshot.claimed("executor:never")).isFalse();
        assertThat(snapshot.live("executor:never")).isFalse();
    }

    /** The expiry stored for {@code owner}'s lease (Redis time, epoch ms). */
    private long expiry(String owner) {
        String value = redis.hash(String.class).hget(RedisKeys.work(session), field);
        assertThat(value).startsWith(owner + "|");
        return Long.parseLong(value.substring(value.indexOf('|') + 1));
    }

    private long deadline() {
        return (long) redis.sortedSet(String.class).zscore(RedisKeys.DEADLINES, session).orElseThrow();
    }
}
