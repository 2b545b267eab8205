package dev.ratchet.runtime.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
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
 * Owned work on a pool of its own, its leases in a real Redis (1.5 s, renewed every 0.5 s): kept while the work
 * runs, however long; lost to a take-over, which stops the work; given up when the work fails or the pool closes.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class OwnedWorkTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration BOUND = Duration.ofMinutes(1);

    @Inject
    WorkLeases leases;

    @Inject
    RedisDataSource redis;

    @Inject
    WorkConfig config;

    OwnedWork work;
    String session;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void pool() {
        work = new OwnedWork("owned-test", 1, leases);
        session = UUID.randomUUID().toString();
        RedisSessions.register(redis, Samples.session(session));
    }

    @AfterEach
    void close() {
        release.countDown();
        work.close();
    }

    @Test
    void renewalKeepsALeaseLivePastItsTimeToLiveWhileTheWorkRuns() {
        Lease lease = take();
        long firstExpiry = expiry(lease);
        work.submit(lease, BOUND, ownership -> waitFor(release));

        long ttl = config.ttl().toMillis();

        // Renewed past twice its time to live, and just renewed: another instance finds it held.
        await().atMost(WAIT).until(() -> expiry(lease) > firstExpiry + ttl && expiry(lease) - leases.nowMillis()
                > ttl / 2);
        WorkLeases elsewhere = new WorkLeases(redis, config, Instances.named("executor-elsewhere"));
        assertThat(elsewhere.acquire(session, lease.field()).outcome()).isEqualTo(Claim.Outcome.HELD_BY_ANOTHER);
        assertThat(work.inFlight()).singleElement().satisfies(w -> {
            assertThat(w.lease()).isEqualTo(lease);
            assertThat(w.startedAt()).isNotNull();
            assertThat(w.bound()).isEqualTo(BOUND);
        });
    }

    @Test
    void aLeaseTakenOverStopsTheWorkWhichThenSeesItLost() {
        Lease lease = take();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<Ownership> seen = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        work.submit(lease, BOUND, ownership -> {
            seen.set(ownership);
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            stopped.countDown();
        });
        await().atMost(WAIT).until(() -> seen.get() != null);
        assertThat(seen.get().lost()).isFalse();

        String other = "executor-elsewhere|" + (leases.nowMillis() + 60_000);
        redis.hash(String.class).hset(RedisKeys.work(session), lease.field(), other);

        assertThat(waitFor(stopped)).isTrue();
        assertThat(interrupted).as("the running work was interrupted").isTrue();
        assertThat(seen.get().lost()).isTrue();
        assertThat(seen.get().lease()).isEqualTo(lease);
        await().atMost(WAIT).until(() -> work.inFlight().isEmpty());
        assertThat(redis.hash(String.class).hget(RedisKeys.work(session), lease.field()))
                .as("left to the new owner, not given up").isEqualTo(other);
    }

    @Test
    void workThatFailsGivesItsLeaseUpAndWorkThatAnswersKeepsIt() {
        Lease failing = take();
        Lease answering = take();

        work.submit(failing, BOUND, ownership -> {
            throw new IllegalStateException("the model client broke");
        });
        work.submit(answering, BOUND, ownership -> {
        });

        await().atMost(WAIT).until(() -> work.inFlight().isEmpty());
        long now = leases.nowMillis();
        assertThat(expiry(failing)).as("given up: expired now").isLessThanOrEqualTo(now);
        assertThat(expiry(answering)).as("kept until it runs out").isGreaterThan(now);
    }

    @Test
    void closingInterruptsTheWorkAndGivesEveryLeaseUpQueuedOrRunning() {
        Lease running = take();
        Lease queued = take();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        work.submit(running, BOUND, ownership -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(ownership.lost());
            }
        });
        work.submit(queued, BOUND, ownership -> waitFor(release));
        assertThat(waitFor(started)).isTrue();
        assertThat(work.inFlight()).extracting(OwnedWork.InFlight::lease).containsExactlyInAnyOrder(running, queued);
        assertThat(work.inFlight()).filteredOn(w -> w.lease().equals(queued)).singleElement()
                .satisfies(w -> assertThat(w.startedAt()).as("waiting for the one thread").isNull());

        work.close();

        long now = leases.nowMillis();
        assertThat(expiry(running)).isLessThanOrEqualTo(now);
        assertThat(expiry(queued)).isLessThanOrEqualTo(now);
        assertThat(work.inFlight()).isEmpty();
        await().atMost(WAIT).untilTrue(interrupted);

        Lease late = take();
        work.submit(late, BOUND, ownership -> {
            throw new AssertionError("a closed pool runs nothing");
        });
        assertThat(expiry(late)).as("given up at once").isLessThanOrEqualTo(leases.nowMillis());
    }

    @Test
    void workIsStuckOnlyAMinutePastItsOwnBound() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        OwnedWork.InFlight running = new OwnedWork.InFlight(take(), start, start, Duration.ofHours(1));

        assertThat(running.stuckAt(start.plus(Duration.ofMinutes(61)))).isFalse();
        assertThat(running.stuckAt(start.plus(Duration.ofMinutes(61)).plusMillis(1))).isTrue();
        assertThat(new OwnedWork.InFlight(running.lease(), start, null, Duration.ZERO).stuckAt(start.plusSeconds(
                3600))).as("waiting for a thread is not stuck").isFalse();
        assertThat(work.name()).isEqualTo("owned-test");
    }

    private Lease take() {
        return leases.acquire(session, Lease.field("executor", UUID.randomUUID())).lease().orElseThrow();
    }

    private long expiry(Lease lease) {
        return leases.read(session).leases().get(lease.field()).expiresAtMs();
    }

    private static boolean waitFor(CountDownLatch latch) {
        try {
            return latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
