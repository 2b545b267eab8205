package dev.ratchet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static InProcessKafka kafka;

    @BeforeAll
    static void start() {
        kafka = InProcessKafka.start(dir);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void realBrokerCarriesARecordOnAnExplicitlyCreatedTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("t", 3, (short) 1))).all().get();
            // The controller has it once createTopics answers; the broker's metadata may follow a moment later
            // (seen with Kafka 4.2 when another test had just created a topic).
            await().atMost(WAIT).untilAsserted(() -> assertThat(admin.listTopics().names().get()).contains("t"));
        }
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("t", "k", "v")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "group.id", "g", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of("t"));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            assertThat(records).singleElement().extracting(ConsumerRecord::value).isEqualTo("v");
        }
    }

    @Test
    void aProducerCannotCreateATopicByWritingToIt() throws Exception {
        // Metadata for a missing topic is asked for with auto-creation allowed; the broker must refuse. 5 s is
        // how long the producer keeps asking: a broker that auto-creates answers within one metadata round trip.
        try (KafkaProducer<String, String> producer = producer(Map.of("max.block.ms", 5_000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-produced-to", "k", "v")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("never-produced-to not present in metadata");
        }
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("never-produced-to");
        }
    }

    @Test
    void aConsumerCannotCreateATopicByAskingForIt() throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "allow.auto.create.topics", true), new StringDeserializer(),
                new StringDeserializer())) {
            assertThat(consumer.partitionsFor("never-subscribed", WAIT)).isEmpty();
        }
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("never-subscribed");
        }
    }

    @Test
    void shareGroupsAreOnAndEveryMemberSharesEveryPartition() throws Exception {
        try (Admin admin = admin()) {
            assertThat(admin.describeFeatures().featureMetadata().get().finalizedFeatures().get("share.version")
                    .maxVersionLevel()).as("share.version").isGreaterThanOrEqualTo((short) 1);
            admin.createTopics(List.of(new NewTopic("queue", 4, (short) 1))).all().get();
        }
        Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "shared");
        try (KafkaShareConsumer<String, String> a = new KafkaShareConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
                KafkaShareConsumer<String, String> b = new KafkaShareConsumer<>(config, new StringDeserializer(),
                        new StringDeserializer());
                Admin admin = admin()) {
            a.subscribe(Set.of("queue"));
            b.subscribe(Set.of("queue"));
            // Kafka's SimpleAssignor would give each of the two members 2 of the 4 partitions.
            await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ZERO)
                    .ignoreExceptionsInstanceOf(ExecutionException.class).untilAsserted(() -> {
                a.poll(Duration.ofMillis(100));
                b.poll(Duration.ofMillis(100));
                ShareGroupDescription group = admin.describeShareGroups(Set.of("shared")).all().get().get("shared");
                assertThat(group.members()).hasSize(2).allSatisfy(member -> assertThat(
                        member.assignment().topicPartitions()).hasSize(4));
            });
        }
    }

    @Test
    void shareGroupsAreTurnedBackOnForABrokerFormattedWithoutThem() throws Exception {
        try (Admin admin = admin()) {
            // As a log directory formatted by Kafka 4.1 has it (kafka-features.sh downgrade --feature share.version=0).
            admin.updateFeatures(Map.of(ShareGroupsFeature.SHARE_VERSION, new FeatureUpdate((short) 0,
                    FeatureUpdate.UpgradeType.SAFE_DOWNGRADE)), new UpdateFeaturesOptions()).all().get();
            await().atMost(WAIT).until(() -> ShareGroupsFeature.level(admin.describeFeatures().featureMetadata()
                    .get(), ShareGroupsFeature.SHARE_VERSION) == 0);

            assertThat(ShareGroupsFeature.ensure(kafka.bootstrapServers(), WAIT)).isTrue();

            await().atMost(WAIT).until(() -> ShareGroupsFeature.level(admin.describeFeatures().featureMetadata()
                    .get(), ShareGroupsFeature.SHARE_VERSION) == 1);
            assertThat(ShareGroupsFeature.ensure(kafka.bootstrapServers(), WAIT)).as("nothing left to do").isFalse();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("bootstrap.servers", kafka.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
