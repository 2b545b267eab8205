package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a service's consumer group has committed: proof that it has handled (acknowledged) a record. */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Waits until {@code group} has committed an offset past {@code record}, i.e. acknowledged it. */
    public static void awaitHandled(String bootstrapServers, String group, ConsumerRecord<?, ?> record, Duration atMost) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            await().atMost(atMost).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                assertThat(committed).as("committed offset of %s on %s", group, partition).isNotNull();
                assertThat(committed.offset()).as("committed offset of %s on %s", group, partition)
                        .isGreaterThan(record.offset());
            });
        }
    }
}
