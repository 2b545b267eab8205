package dev.ratchet.executor.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The executors' input of earlier releases, kept for one release: {@code ratchet.executor.dispatch=partitions} reads
 * step requests through the SmallRye channel's consumer group and no share-group input runs.
 */
@QuarkusTest
@TestProfile(PartitionsDispatchTest.Partitions.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/executor-test.json"))
class PartitionsDispatchTest {

    /** Not ratchet-executors: the tests' broker has that id as a share group already, and a group has one kind. */
    static final String GROUP = "ratchet-executors-partitions";

    public static class Partitions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.executor.dispatch", "partitions",
                    "mp.messaging.incoming.steps-requested.group.id", GROUP);
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    OwnedWork work;

    @Inject
    StepQueue queue;

    final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void aStepRequestIsAnsweredThroughTheConsumerGroup() {
        TextstatsSample textstats = TextstatsSample.create();
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, textstats.session(session));
        StepRequested request = StepExecutionTest.request(session, "s1", 1, textstats.step(0, 0), List.of());

        StepExecuted executed = kafka.awaitExactlyOne(GROUP, kafka.send(request),
                () -> StepExecutionTest.idle(work, request), StepExecuted.class,
                e -> e.sessionId().equals(session), Duration.ofSeconds(60));

        assertThat(executed.payload().error()).isNull();
        assertThat(queue.input()).as("no share-group input").isEmpty();
    }
}
