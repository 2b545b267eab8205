package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import dev.ratchet.runtime.Samples;
import dev.ratchet.runtime.testapp.ProbeConsumer;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;

/**
 * The shared default puts every channel on {@link AssignedOffsetsCommit}, and a handled record's offset is
 * committed through it. That a partition's first record is not held back is a matter of time, measured by the
 * benchmark, never asserted here.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class AssignedOffsetsCommitTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    @Identifier(AssignedOffsetsCommit.STRATEGY)
    AssignedOffsetsCommit.Factory strategy;

    @Inject
    ProbeConsumer probe;

    final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void theProbeChannelCommitsThroughThisStrategy() {
        assertThat(strategy.channels()).contains(ProbeConsumer.CHANNEL);
    }

    @Test
    void aHandledRecordIsCommitted() {
        String session = UUID.randomUUID().toString();
        RecordMetadata sent = kafka.send(Samples.created(session));

        await().atMost(WAIT).until(() -> probe.handled(session));
        kafka.awaitHandled(ProbeConsumer.GROUP, sent, WAIT);
    }
}
