package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.PoisonRecordsContract;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Poison executed attempts are dead-lettered and the verifier carries on with the next attempt. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class PoisonExecutedTest extends PoisonRecordsContract {

    static String step1;
    static TextstatsSample textstats;

    @Inject
    RedisDataSource redis;

    @Inject
    OwnedWork owned;

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
        step1 = textstats.chain("step1.patch").get(0);
    }

    @Override
    protected String topic() {
        return Topics.STEPS_EXECUTED;
    }

    @Override
    protected String group() {
        return StepVerificationTest.GROUP;
    }

    @Override
    protected RatchetEvent validInput(String session) {
        RedisSessions.register(redis, Attempts.planned(textstats, session));
        StepRequested request = StepVerificationTest.request(session, "s1", 1, textstats.step(0, 0));
        return StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(request.payload().work(),
                RedisSessions.store(redis, session, step1), DiffStats.of(step1),
                StepVerificationTest.execution(request), null));
    }

    /** A verdict: a verifier must not verify its own verdicts. */
    @Override
    protected RatchetEvent misrouted(RatchetEvent valid) {
        return StepRejected.of((StepExecuted) valid, Instant.now(), new StepRejected.Payload(
                StepRejected.STAGE_CHECK, "not for the verifier", null, List.of(), null, null));
    }

    @Override
    protected void assertHandled(RatchetEvent valid, RecordMetadata sent) {
        StepVerified verified = StepVerificationTest.verdict(kafka, owned, (StepExecuted) valid, sent,
                StepVerified.class);
        assertThat(verified.payload().checks()).singleElement().satisfies(c -> assertThat(c.passed()).isTrue());
    }
}
