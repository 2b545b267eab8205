package dev.ratchet.executor.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;

import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.PoisonRecordsContract;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Poison step requests are dead-lettered and the executor carries on with the next request. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/executor-test.json"))
class PoisonRequestsTest extends PoisonRecordsContract {

    static TextstatsSample textstats;

    @Inject
    RedisDataSource redis;

    @Inject
    OwnedWork work;

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
    }

    @Override
    protected String topic() {
        return Topics.STEPS_REQUESTED;
    }

    @Override
    protected String group() {
        return StepExecutionTest.GROUP;
    }

    @Override
    protected RatchetEvent validInput(String session) {
        RedisSessions.register(redis, textstats.session(session));
        return StepExecutionTest.request(session, "s1", 1, textstats.step(0, 0), List.of());
    }

    @Override
    protected RatchetEvent misrouted(RatchetEvent valid) {
        StepRequested request = (StepRequested) valid;
        return StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(request.payload().work(), null,
                PatchStats.EMPTY, null, "not for the executor"));
    }

    @Override
    protected void assertHandled(RatchetEvent valid, RecordMetadata sent) {
        StepExecuted executed = StepExecutionTest.answer(kafka, work, (StepRequested) valid, sent);
        assertThat(executed.payload().error()).isNull();
        assertThat(textstats.applyCheck(List.of(), RedisSessions.blob(redis, executed.payload().patch()))).isEmpty();
    }
}
