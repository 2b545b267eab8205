package dev.ratchet.executor.step;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A 2 MiB patch (a model deleting a large file) used to make StepExecuted larger than Kafka's 1 MiB record limit:
 * the send failed, the step reran and was dead-lettered. Over the patch limit it is now refused with a reason that
 * names the size, the limit and the biggest files, for the planner to retry with.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/executor-test.json"))
class LargePatchTest {

    @Inject
    RedisDataSource redis;

    @Inject
    OwnedWork work;

    @Test
    void aTwoMebibytePatchOverTheLimitIsRefusedNamingSizeLimitAndFiles() {
        StepExecuted executed = BigFileStep.execute(KafkaProbe.shared(), redis, work, BigFileStep.prepare());

        assertThat(executed.payload().patch()).isNull();
        assertThat(executed.payload().error()).startsWith("the patch is 2.0 MiB, over the 1.0 MiB limit; "
                + "biggest files: data/big.txt (2.0 MiB)").endsWith("Change less per step, or split the step");
    }
}
