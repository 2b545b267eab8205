package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.SharedInfra;

/** A share group's backlog as the autoscaler and the cluster view read it, on a real broker. */
class GroupBacklogTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    final String bootstrap = SharedInfra.kafkaBootstrapServers();
    final String topic = "backlog-test-" + UUID.randomUUID();
    final String group = "backlog-test-" + UUID.randomUUID();

    @Test
    void aShareGroupsBacklogIsWhatItHasNotAcknowledged() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                KafkaProbe probe = new KafkaProbe(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            for (int i = 0; i < 3; i++) {
                probe.sendRaw(topic, i % 2, "k" + i, "v" + i, Map.of());
            }
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            assertThat(GroupBacklog.type(admin, group, WAIT)).as("no member yet").isEmpty();
            assertThat(backlog(admin, partitions)).as("everything, from the start").isEqualTo(3);

            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
                    new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                            AlterConfigOp.OpType.SET)))).all().get();
            try (KafkaShareConsumer<String, String> member = new KafkaShareConsumer<>(Map.of("bootstrap.servers",
                    bootstrap, "group.id", group, "share.acknowledgement.mode", "explicit", "share.acquire.mode",
                    "record_limit", "max.poll.records", 1), new StringDeserializer(), new StringDeserializer())) {
                member.subscribe(Set.of(topic));
                List<ConsumerRecord<String, String>> taken = new ArrayList<>();
                await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                    member.poll(Duration.ofMillis(200)).forEach(taken::add);
                    return !taken.isEmpty();
                });
                taken.forEach(r -> member.acknowledge(r, AcknowledgeType.ACCEPT));
                member.commitSync();
            }

            assertThat(GroupBacklog.type(admin, group, WAIT)).contains(GroupType.SHARE);
            await().atMost(WAIT).untilAsserted(() -> assertThat(backlog(admin, partitions)).isEqualTo(2));
        }
    }

    private long backlog(Admin admin, List<TopicPartition> partitions) throws Exception {
        return GroupBacklog.of(admin, group, GroupBacklog.type(admin, group, WAIT), partitions,
                offsets(admin, partitions, OffsetSpec.earliest()), offsets(admin, partitions, OffsetSpec.latest()),
                WAIT);
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all()
                .get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
