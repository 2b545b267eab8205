package dev.ratchet.executor.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.SimulatedModelResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Under a raised limit a 2 MiB patch goes through: stored once in Redis, referenced by a small event. */
@QuarkusTest
@TestProfile(RaisedPatchLimitTest.FourMebibytes.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/executor-test.json"))
class RaisedPatchLimitTest {

    @Inject
    RedisDataSource redis;

    @Inject
    OwnedWork work;

    @Test
    void aTwoMebibytePatchTravelsAsAReferenceAndTheEventStaysSmall() {
        KafkaProbe kafka = KafkaProbe.shared();
        StepExecuted executed = BigFileStep.execute(kafka, redis, work, BigFileStep.prepare());

        assertThat(executed.payload().error()).isNull();
        assertThat(executed.payload().patch().size()).isGreaterThan(BigFileStep.BIG_FILE_BYTES);
        String patch = RedisSessions.blob(redis, executed.payload().patch());
        assertThat(patch).startsWith("diff --git a/data/big.txt b/data/big.txt").contains("deleted file mode");
        assertThat(executed.payload().patch().matches(patch)).isTrue();
        ConsumerRecord<String, String> record = kafka.records(Topics.STEPS_EXECUTED).stream()
                .filter(r -> executed.eventId().toString()
                        .equals(KafkaProbe.header(r, CloudEventHeaders.ID).orElse(null)))
                .findFirst().orElseThrow();
        assertThat(record.value().length()).isLessThan(EventCodec.MAX_EVENT_BYTES / 16);
    }

    public static class FourMebibytes implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.executor.max-patch-bytes", Integer.toString(4 * 1024 * 1024));
        }
    }
}
