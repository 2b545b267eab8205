package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.Samples;
import dev.ratchet.runtime.redis.Outcomes;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.work.Lease;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.Ownership;
import dev.ratchet.runtime.work.WorkLeases;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The executors' and verifiers' consumer skeleton with real leases, answers and a pool in Redis, driven record by
 * record as the connector would: one answer per question, stored before it is sent and sent again unchanged; no
 * answer from work whose lease was lost, nor from work somebody else holds.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class LeasedConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RedisDataSource redis;

    @Inject
    Redelivery redelivery;

    @Inject
    WorkLeases leases;

    @Inject
    Outcomes outcomes;

    @Inject
    EventSpans spans;

    OwnedWork work;
    Executor steps;
    LeasedConsumer<StepRequested> consumer;
    String session;
    StepRequested request;

    /** A stand-in executor: answers with an error naming its call; a test may hold it inside its work. */
    static final class Executor implements LeasedConsumer.Steps<StepRequested> {
        final AtomicInteger started = new AtomicInteger();
        /** The requests this executor took on, in order. */
        final List<StepRequested> inputs = new CopyOnWriteArrayList<>();
        final AtomicLong producedAt = new AtomicLong();
        final AtomicInteger calls = new AtomicInteger();
        final List<RatchetEvent> sent = new CopyOnWriteArrayList<>();
        final List<RatchetEvent> answered = new CopyOnWriteArrayList<>();
        final AtomicReference<Ownership> working = new AtomicReference<>();
        volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public Duration bound(StepRequested input) {
            return Duration.ofMinutes(1);
        }

        @Override
        public void started(StepRequested input, long produced) {
            producedAt.set(produced);
            inputs.add(input);
            started.incrementAndGet();
        }

        @Override
        public RatchetEvent answer(StepRequested input, Instant startedAt, Ownership ownership) {
            working.set(ownership);
            try {
                hold.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // stopped: finishes anyway, as work that ignores interrupts would
            }
            return Samples.failed(input, "call " + calls.incrementAndGet());
        }

        @Override
        public void send(RatchetEvent answer) {
            sent.add(answer);
        }

        @Override
        public void answered(StepRequested input, RatchetEvent answer) {
            answered.add(answer);
        }
    }

    @BeforeEach
    void consumer() {
        work = new OwnedWork("leased-test", 2, leases);
        steps = new Executor();
        consumer = new LeasedConsumer<>(StepRequested.class, "executor", steps, redelivery, leases, outcomes, work,
                spans);
        session = UUID.randomUUID().toString();
        RedisSessions.register(redis, Samples.session(session));
        request = Samples.requested(session);
    }

    @AfterEach
    void close() {
        steps.hold.countDown();
        work.close();
    }

    @Test
    void aQuestionIsAnsweredOnceStoredThenSent() {
        consumer.accept(Records.of(request));

        await().atMost(WAIT).until(() -> steps.answered.size() == 1);
        RatchetEvent answer = steps.answered.get(0);
        assertThat(steps.sent).containsExactly(answer);
        assertThat(outcomes.find(session, field())).contains(answer);
        assertThat(steps.started).hasValue(1);
        assertThat(steps.producedAt).as("the record's timestamp starts the hop").hasValue(Records.TIMESTAMP);
        assertThat(work.inFlight()).isEmpty();
    }

    @Test
    void theSameQuestionAgainGetsTheStoredAnswerWithoutWork() {
        consumer.accept(Records.of(request));
        await().atMost(WAIT).until(() -> steps.answered.size() == 1);

        consumer.accept(Records.of(request));

        assertThat(steps.sent).hasSize(2).containsOnly(steps.answered.get(0));
        assertThat(steps.calls).as("no second piece of work").hasValue(1);
        assertThat(steps.started).hasValue(1);
        assertThat(steps.answered).hasSize(1);
    }

    @Test
    void workWhoseLeaseWasTakenOverIsNeitherStoredNorSent() {
        steps.hold = new CountDownLatch(1);
        consumer.accept(Records.of(request));
        await().atMost(WAIT).until(() -> steps.working.get() != null);

        redis.hash(String.class).hset(RedisKeys.work(session), field(), "executor-elsewhere|"
                + (leases.nowMillis() + 60_000));

        await().atMost(WAIT).until(() -> steps.calls.get() == 1 && work.inFlight().isEmpty());
        assertThat(steps.working.get().lost()).isTrue();
        assertThat(outcomes.exists(session, field())).isFalse();
        assertThat(steps.sent).isEmpty();
        assertThat(steps.answered).isEmpty();
    }

    @Test
    void whenAnotherInstanceStoredItsAnswerFirstThatAnswerIsSentAndNotReportedAsOurs() {
        steps.hold = new CountDownLatch(1);
        consumer.accept(Records.of(request));
        await().atMost(WAIT).until(() -> steps.working.get() != null);
        StepExecuted theirs = Samples.failed(request, "answered by executor-elsewhere");
        redis.hash(String.class).hset(RedisKeys.outcomes(session), field(), EventCodec.encodeStored(theirs));

        steps.hold.countDown();

        await().atMost(WAIT).until(() -> steps.sent.size() == 1);
        assertThat(steps.sent).containsExactly(theirs);
        await().atMost(WAIT).until(() -> work.inFlight().isEmpty());
        assertThat(steps.answered).isEmpty();
    }

    @Test
    void workAnotherInstanceHoldsIsLeftToIt() {
        String held = "executor-elsewhere|" + (leases.nowMillis() + 60_000);
        redis.hash(String.class).hset(RedisKeys.work(session), field(), held);

        consumer.accept(Records.of(request));

        assertThat(work.inFlight()).isEmpty();
        assertThat(steps.started).hasValue(0);
        assertThat(redis.hash(String.class).hget(RedisKeys.work(session), field())).isEqualTo(held);
    }

    @Test
    void aQuestionAboutASessionRedisDoesNotHaveIsSkipped() {
        StepRequested orphan = Samples.requested(UUID.randomUUID().toString());

        consumer.accept(Records.of(orphan));

        assertThat(work.inFlight()).isEmpty();
        assertThat(steps.started).hasValue(0);
        assertThat(redis.key().exists(RedisKeys.work(orphan.sessionId()))).isFalse();
    }

    @Test
    void aRecordThatIsNotAQuestionOfThisConsumerIsPoison() {
        StepExecuted executed = Samples.executed(session);

        assertThatThrownBy(() -> consumer.accept(Records.of(executed))).isInstanceOf(PoisonEventException.class)
                .hasMessage("dev.ratchet.step.executed.v2 does not belong on ratchet.steps.executed");
        assertThat(redis.key().exists(RedisKeys.work(session))).isFalse();
    }

    private String field() {
        return Lease.field("executor", request.eventId());
    }
}
